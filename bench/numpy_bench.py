#!/usr/bin/python3
"""Time numpy's own .npy writer and reader on the Go benchmarks' inputs.

np.save to an io.BytesIO and np.load from an io.BytesIO, for the same
shapes and dtypes as inputs_test.go, printed as Go benchmark lines so that
cmd/report reads both with one parser, one line per repeat (like go test
-count), with minor page faults per call as the Go side reports them:

    BenchmarkEncode/numpy/f64_1000x1000 \t N \t 123 ns/op \t 8000.00 MB/s \t 0 faults/op

Run:  /usr/bin/python3 bench/numpy_bench.py [--min-time SECONDS] [--repeats N]

Each repeat is an autoranged loop of at least --min-time; cmd/report takes
the median of the repeats. MB/s uses the raw data size (no header), as
b.SetBytes does on the Go side.

Caveat when comparing decode numbers: np.load on a non-file object makes
the result with numpy.ndarray(count, dtype) -- uninitialised memory -- and
fills it from the stream, whereas Go's make() always zeroes new memory.
So numpy skips a pass that every Go decoder pays.
"""

import argparse
import io
import platform
import resource
import timeit

import numpy as np

# Same names, shapes and dtypes as inputs_test.go. Contents differ (numpy's
# generator, fixed seed); .npy speed does not depend on the values.
INPUTS = [
    ("f64_1000x1000", (1000, 1000), "<f8"),
    ("i32_1000x1000", (1000, 1000), "<i4"),
    ("bool_1000x1000", (1000, 1000), "|b1"),
    ("c128_500x500", (500, 500), "<c16"),
    ("i64_3x3", (3, 3), "<i8"),
]


def make(shape, dtype, rng):
    dt = np.dtype(dtype)
    if dt.kind == "f":
        return rng.standard_normal(shape).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    if dt.kind == "b":
        return rng.integers(0, 2, size=shape).astype(dt)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, size=shape, dtype=dt, endpoint=True)


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def time_op(fn, min_time, repeats):
    """Per repeat: (seconds per call, minor page faults per call), and the
    loop count used for each repeat."""
    timer = timeit.Timer(fn)
    # Grow the loop until it takes 20 ms, then scale it to about min_time
    # per repeat, like Go's -benchtime.
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= 0.02:
            break
        number *= 10
    number = max(1, int(number * min_time / t))
    runs = []
    for _ in range(repeats):
        f0 = minor_faults()
        sec = timer.timeit(number)
        runs.append((sec / number, (minor_faults() - f0) / number))
    return runs, number


def lines(op, name, n, runs, nbytes):
    for sec, faults in runs:
        ns = sec * 1e9
        mbs = nbytes / sec / 1e6
        yield (f"Benchmark{op}/numpy/{name} \t{n:8d}\t{ns:14.1f} ns/op\t{mbs:9.2f} MB/s"
               f"\t{faults:10.3f} faults/op")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-time", type=float, default=0.1, help="seconds per repeat")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-paths", action="store_true", help="skip the BenchmarkPath cases")
    args = ap.parse_args()

    rng = np.random.default_rng(20240601)
    print(f"# numpy {np.__version__}")
    print(f"# python {platform.python_version()}")
    for name, shape, dtype in INPUTS:
        a = make(shape, dtype, rng)

        # Encode: one BytesIO reused, rewound each time; like the Go side's
        # bytes.Buffer.Reset, the storage is already large enough.
        out = io.BytesIO()

        def encode():
            out.seek(0)
            np.save(out, a)

        encode()
        runs, n = time_op(encode, args.min_time, args.repeats)
        print("\n".join(lines("Encode", name, n, runs, a.nbytes)), flush=True)

        # Decode: numpy's own encoding, made once; the BytesIO is rewound
        # each time like the Go side's bytes.Reader.Reset.
        src = io.BytesIO(out.getvalue())

        def decode():
            src.seek(0)
            return np.load(src)

        got = decode()
        assert got.dtype == a.dtype and got.shape == a.shape and np.array_equal(got, a)
        runs, n = time_op(decode, args.min_time, args.repeats)
        print("\n".join(lines("Decode", name, n, runs, a.nbytes)), flush=True)
    if not args.no_paths:
        paths(args)


# The dtype table's numpy names, for the layout cases (typed/table.go).
TABLE = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
         "float16", "float32", "float64", "complex64", "complex128"]


def small_values(n):
    """paths_test.go's smallValues: splitmix64's finaliser of the index, top
    3 bits, so both sides compress the same bytes."""
    z = np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(61)).astype(np.int8)


def npy_bytes(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def paths(args):
    """numpy's side of BenchmarkPath (paths_test.go): the same cases, named
    Path/numpy/<case>."""
    import base64
    import json
    import os
    import tempfile

    def emit(name, fn, nbytes, extra=""):
        fn()
        runs, n = time_op(fn, args.min_time, args.repeats)
        out = "\n".join(lines("Path", name, n, runs, nbytes))
        if extra:
            out = "\n".join(l + extra for l in out.split("\n"))
        print(out, flush=True)

    # JSON: json.loads + b64decode + frombuffer, the envelope's Python reader.
    a = np.sin(np.arange(1000 * 1000, dtype=np.float64)).reshape(1000, 1000)
    js = json.dumps({"dtype": "float64", "shape": [1000, 1000],
                     "data": base64.b64encode(a.tobytes()).decode()})

    def json_decode():
        d = json.loads(js)
        return np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"])

    emit("json-decode", json_decode, a.nbytes)

    # npz: savez_compressed and load of int8 2000x2000 of small values.
    z = small_values(2000 * 2000).reshape(2000, 2000)
    out = io.BytesIO()

    def npz_write():
        out.seek(0)
        out.truncate()
        np.savez_compressed(out, a=z)

    npz_write()
    size = len(out.getvalue())
    emit("npz-write", npz_write, z.nbytes, f"\t{size} B/archive")
    archive = out.getvalue()
    emit("npz-read", lambda: np.load(io.BytesIO(archive))["a"], z.nbytes)

    # Layout: load + ascontiguousarray of Fortran order; load + astype of
    # big-endian data, for every dtype of the table.
    for name in TABLE:
        dt = np.dtype(name)
        x = np.zeros((1000, 1000), dtype=dt)
        f = npy_bytes(np.asfortranarray(x))
        emit("fortran_" + name, lambda: np.ascontiguousarray(np.load(io.BytesIO(f))), x.nbytes)
        if dt.itemsize > 1:
            be = npy_bytes(x.astype(dt.newbyteorder(">")))
            emit("bigendian_" + name, lambda: np.load(io.BytesIO(be)).astype(dt), x.nbytes)

    # float16 astype of 2^20 values.
    i = np.arange(1 << 20)
    f64 = np.sin(i) * np.exp2((i % 24) - 12)
    f32 = f64.astype(np.float32)
    h = f64.astype(np.float16)
    emit("f16-f32", lambda: h.astype(np.float32), h.nbytes)
    emit("f16-f64", lambda: h.astype(np.float64), h.nbytes)
    emit("f32-f16", lambda: f32.astype(np.float16), h.nbytes)
    emit("f64-f16", lambda: f64.astype(np.float16), h.nbytes)

    # Fresh arrays: np.load of float64 files of 8, 80 and 800 MB from a
    # BytesIO and from a file just written (in the page cache).
    with tempfile.TemporaryDirectory() as tmp:
        for label, rows in (("8MB", 1 << 10), ("80MB", 10 << 10), ("800MB", 100 << 10)):
            x = np.zeros((rows, 1024))
            data = npy_bytes(x)
            del x
            emit("fresh-bytes_" + label, lambda: np.load(io.BytesIO(data)), rows * 1024 * 8)
            path = os.path.join(tmp, label + ".npy")
            with open(path, "wb") as fh:
                fh.write(data)
            del data
            emit("fresh-file_" + label, lambda: np.load(path), rows * 1024 * 8)
            os.remove(path)


if __name__ == "__main__":
    main()

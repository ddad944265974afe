#!/usr/bin/python3
"""Time numpy on the cases of the Go benchmarks, printed as Go benchmark lines.

np.save to and np.load from an io.BytesIO on the inputs of BenchmarkEncode
and BenchmarkDecode, and numpy's side of BenchmarkPath, one line per repeat
(like go test -count) with minor page faults per call, so that cmd/report
reads both with one parser:

    BenchmarkEncode/numpy/f64_1000x1000 \t N \t 123 ns/op \t 8000.00 MB/s \t 0 faults/op

The cases come from the Go side, so that there is one list of inputs and
dtypes. In bench/, write them (and each input as a .npy file beside them):

    go test -run '^TestNumpyCases$' -cases /tmp/cases/cases.json .
    /usr/bin/python3 numpy_bench.py /tmp/cases/cases.json [--only Op/case,...]

cmd/report does both, and passes --only with the cases the Go side ran.
Each repeat is an autoranged loop of at least --min-time; cmd/report takes
the median of the repeats. MB/s uses the raw data size (no header), as
b.SetBytes does on the Go side.

np.load from a non-file object fills uninitialised memory
(numpy.ndarray(count, dtype)), whereas Go's make() zeroes new memory: numpy
skips a pass that every Go decoder returning a new array pays.
"""

import argparse
import base64
import io
import json
import os
import platform
import resource
import tempfile
import timeit

import numpy as np


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


def npy_bytes(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def small_values(n):
    """paths_test.go's smallValues: splitmix64's finaliser of the index, top
    3 bits, so both sides compress the same bytes."""
    z = np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(61)).astype(np.int8)


def io_cases(cases, folder):
    """np.save into one BytesIO, rewound each time (like the Go side's
    bytes.Buffer.Reset), and np.load of numpy's own encoding."""
    for inp in cases["inputs"]:
        def encode(inp=inp):
            a = np.load(os.path.join(folder, inp["file"]))
            out = io.BytesIO()

            def run():
                out.seek(0)
                np.save(out, a)
            return run, a.nbytes
        yield "Encode", inp["name"], encode

        def decode(inp=inp):
            a = np.load(os.path.join(folder, inp["file"]))
            src = io.BytesIO(npy_bytes(a))

            def run():
                src.seek(0)
                return np.load(src)
            got = run()
            assert got.dtype == a.dtype and np.array_equal(got, a)
            return run, a.nbytes
        yield "Decode", inp["name"], decode


def path_cases(cases, tmp):
    """numpy's side of BenchmarkPath (paths_test.go), the same case names."""
    def json_decode():
        a = np.sin(np.arange(1000 * 1000, dtype=np.float64)).reshape(1000, 1000)
        js = json.dumps({"dtype": "float64", "shape": [1000, 1000],
                         "data": base64.b64encode(a.tobytes()).decode()})

        def run():
            d = json.loads(js)
            return np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"])
        return run, a.nbytes
    yield "json-decode", json_decode

    def npz_write():
        z = small_values(2000 * 2000).reshape(2000, 2000)
        out = io.BytesIO()

        def run():
            out.seek(0)
            out.truncate()
            np.savez_compressed(out, a=z)
        run()
        return run, z.nbytes, f"\t{len(out.getvalue())} B/archive"
    yield "npz-write", npz_write

    def npz_read():
        z = small_values(2000 * 2000).reshape(2000, 2000)
        out = io.BytesIO()
        np.savez_compressed(out, a=z)
        archive = out.getvalue()
        return lambda: np.load(io.BytesIO(archive))["a"], z.nbytes
    yield "npz-read", npz_read

    # Load + ascontiguousarray of Fortran order; load + astype of big-endian.
    for name in cases["layout"]:
        dt = np.dtype(name)

        def fortran(dt=dt):
            x = np.zeros((1000, 1000), dtype=dt)
            f = npy_bytes(np.asfortranarray(x))
            return lambda: np.ascontiguousarray(np.load(io.BytesIO(f))), x.nbytes
        yield "fortran_" + name, fortran
        if dt.itemsize > 1:
            def bigendian(dt=dt):
                x = np.zeros((1000, 1000), dtype=dt.newbyteorder(">"))
                be = npy_bytes(x)
                return lambda: np.load(io.BytesIO(be)).astype(dt), x.nbytes
            yield "bigendian_" + name, bigendian

    # float16 astype of 2^20 values; MB/s counts the halves, as Go's do.
    def astype(src, to):
        def setup():
            i = np.arange(1 << 20)
            f64 = np.sin(i) * np.exp2((i % 24) - 12)
            x = f64.astype(src)
            return lambda: x.astype(to), 2 * len(x)
        return setup
    for name, src, to in (("f16-f32", np.float16, np.float32), ("f16-f64", np.float16, np.float64),
                          ("f32-f16", np.float32, np.float16), ("f64-f16", np.float64, np.float16)):
        yield name, astype(src, to)

    # np.load of new float64 arrays from a BytesIO and from a file just
    # written (in the page cache).
    for s in cases["fresh"]:
        def fresh_bytes(s=s):
            data = npy_bytes(np.zeros((s["rows"], s["cols"])))
            return lambda: np.load(io.BytesIO(data)), s["rows"] * s["cols"] * 8
        yield "fresh-bytes_" + s["name"], fresh_bytes

        def fresh_file(s=s):
            path = os.path.join(tmp, s["name"] + ".npy")
            np.save(path, np.zeros((s["rows"], s["cols"])))
            return lambda: np.load(path), s["rows"] * s["cols"] * 8
        yield "fresh-file_" + s["name"], fresh_file


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", help="the JSON that TestNumpyCases writes with -cases")
    ap.add_argument("--only", help="comma-separated Op/case names to run (default: all)")
    ap.add_argument("--min-time", type=float, default=0.1, help="seconds per repeat")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    with open(args.cases) as f:
        cases = json.load(f)
    only = set(args.only.split(",")) if args.only is not None else None

    print(f"# numpy {np.__version__}")
    print(f"# python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        all_cases = list(io_cases(cases, os.path.dirname(os.path.abspath(args.cases))))
        all_cases += [("Path", name, setup) for name, setup in path_cases(cases, tmp)]
        for op, name, setup in all_cases:
            if only is not None and f"{op}/{name}" not in only:
                continue
            fn, nbytes, *extra = setup()
            runs, n = time_op(fn, args.min_time, args.repeats)
            for sec, faults in runs:
                print(f"Benchmark{op}/numpy/{name} \t{n:8d}\t{sec * 1e9:14.1f} ns/op"
                      f"\t{nbytes / sec / 1e6:9.2f} MB/s\t{faults:10.3f} faults/op{''.join(extra)}", flush=True)
            del fn
            for f in os.listdir(tmp):  # the fresh- cases' files
                os.remove(os.path.join(tmp, f))


if __name__ == "__main__":
    main()

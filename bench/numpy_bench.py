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


if __name__ == "__main__":
    main()

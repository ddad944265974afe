"""Write the seed corpus of the fuzz targets: small files made by real numpy.

Run from the repository root with the interpreter that has numpy, naming
the numeric dtypes of the table (go test . -run SeedsAreNumpys -v prints the
line):

    /usr/bin/python3 testdata/make_seeds.py testdata/seeds bool int8 ...

ok_*.npy are arrays of every dtype the family holds (of rank 2, and some of
rank 1 and 0), in each byte order, memory order and format version numpy
writes; bad_*.npy are files numpy writes that npy2d must refuse (rank 3,
object, structured and datetime dtypes); *.json are the JSON envelope of some ok_ files. Output is
deterministic, so a test can rerun this script and compare byte for byte.
"""
import base64
import json
import os
import sys

import numpy as np



def values(name, rows, cols):
    n = rows * cols
    dt = np.dtype(name)
    if dt.kind == "b":
        return (np.arange(n) % 3 == 0).reshape(rows, cols)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        a = np.arange(n, dtype=np.int64) * 37 - 5
        a = a.astype(dt)
        if n >= 2:
            a[0], a[-1] = info.min, info.max
        return a.reshape(rows, cols)
    a = np.linspace(-2.5, 3.25, n).astype(dt)
    specials = [np.nan, np.inf, -np.inf, -0.0, np.finfo(np.dtype(name).char.lower() if dt.kind == "f" else np.float64).tiny / 4]
    if dt.kind == "c":
        a = a + 1j * a[::-1]
        a = a.astype(dt)
    for i, s in enumerate(specials[: max(0, n - 1)]):
        a[i + 1] = s
    return a.reshape(rows, cols)


def save(path, arr, version=None):
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=version, allow_pickle=True)


def envelope(arr):
    little = arr.astype(arr.dtype.newbyteorder("<")) if arr.dtype.itemsize > 1 else arr
    name = arr.dtype.str if arr.dtype.kind in "US" else arr.dtype.name  # np.dtype() does not read str320
    return json.dumps({"dtype": name, "shape": list(arr.shape),
                       "data": base64.b64encode(np.ascontiguousarray(little).tobytes()).decode()},
                      separators=(",", ":"))


def main(out, names):
    os.makedirs(out, exist_ok=True)
    for name in names:
        a = values(name, 3, 4)
        save(os.path.join(out, "ok_%s_c.npy" % name), a)
        save(os.path.join(out, "ok_%s_f.npy" % name), np.asfortranarray(values(name, 2, 3)))
        save(os.path.join(out, "ok_%s_0x3.npy" % name), values(name, 0, 3))
        if a.dtype.itemsize > 1:
            save(os.path.join(out, "ok_%s_be.npy" % name), a.astype(a.dtype.newbyteorder(">")))
        with open(os.path.join(out, "%s.json" % name), "w") as f:
            f.write(envelope(values(name, 2, 5)))
    f8 = values("float64", 2, 2)
    save(os.path.join(out, "ok_float64_v2.npy"), f8, version=(2, 0))
    save(os.path.join(out, "ok_float64_v3.npy"), f8, version=(3, 0))
    save(os.path.join(out, "ok_int32_fortran_be.npy"),
         np.asfortranarray(values("int32", 3, 2)).astype(">i4", order="F"))
    save(os.path.join(out, "ok_uint8_1x1.npy"), np.array([[7]], dtype=np.uint8))
    with open(os.path.join(out, "bigendian.json"), "w") as f:
        b = values("int16", 2, 2).astype(">i2")
        f.write(json.dumps({"dtype": ">i2", "shape": [2, 2],
                            "data": base64.b64encode(b.tobytes()).decode()}, separators=(",", ":")))

    save(os.path.join(out, "ok_float64_rank1.npy"), np.arange(5, dtype=np.float64))
    save(os.path.join(out, "ok_float64_rank0.npy"), np.array(3.5))
    save(os.path.join(out, "ok_str_2d.npy"), np.array([["ab", "c"], ["h\u00e9", ""]]))
    save(os.path.join(out, "ok_str_be.npy"), np.array(["setosa", "virginica"]).astype(">U9"))
    save(os.path.join(out, "ok_bytes_1d.npy"), np.array([b"ab", b"c\x00d", b""]))
    with open(os.path.join(out, "str.json"), "w") as f:
        f.write(envelope(np.array(["setosa", "versicolor", "virginica"])))
    save(os.path.join(out, "bad_rank3.npy"), np.zeros((2, 1, 2), dtype=np.int16))
    save(os.path.join(out, "bad_object.npy"), np.array([[1, "a"]], dtype=object))
    save(os.path.join(out, "bad_structured.npy"), np.zeros((2, 2), dtype=[("x", "<f8"), ("y", "<i4")]))
    save(os.path.join(out, "bad_datetime.npy"), np.zeros((2, 2), dtype="M8[ns]"))
    save(os.path.join(out, "bad_timedelta.npy"), np.zeros((1, 2), dtype="m8[s]"))
    save(os.path.join(out, "bad_void.npy"), np.zeros((1, 2), dtype="V3"))
    save(os.path.join(out, "bad_longdouble.npy"), np.zeros((1, 2), dtype=np.longdouble))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: make_seeds.py OUTDIR DTYPE... (the table's numeric dtypes)")
    main(sys.argv[1], sys.argv[2:])

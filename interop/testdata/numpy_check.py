# Go -> numpy: reads, in one run, everything the Go test wrote into the
# current directory and judges it with numpy. argv[1] is Go's manifest, a
# JSON list of arrays:
#
#   {"dtype": "float64", "shape": [3, 4], "raw": "<C-order little-endian bytes>",
#    "npy": ["<WriteTo file>", "<MarshalBinary file>"], "json": "<MarshalJSON file>",
#    "save": "<where np.save writes the same array>"}
#
# For each array it np.load's every .npy file and compares the values bit
# for bit with the raw bytes, decodes the JSON envelope with the recipe a
# Python user would use, and np.save's the array rebuilt from the raw bytes
# so that the Go test can compare Go's file with numpy's byte for byte.
# It prints {"checked": n, "errors": [...], ...} on stdout.
import base64
import json
import platform
import sys

import numpy as np

entries = json.load(open(sys.argv[1]))
errors = []
checked = 0


def expect(ok, what, e):
    if not ok:
        errors.append("%s %s: %s" % (e["dtype"], e["shape"], what))


for e in entries:
    dt = np.dtype(e["dtype"]).newbyteorder("<")
    shape = tuple(e["shape"])
    raw = open(e["raw"], "rb").read()
    want = np.frombuffer(raw, dtype=dt).reshape(shape)

    for path in e["npy"]:
        try:
            got = np.load(path, allow_pickle=False)
        except Exception as exc:  # report every failure, not only the first
            expect(False, "np.load(%s) failed: %s" % (path, exc), e)
            continue
        expect(got.dtype == dt, "%s: dtype %s, want %s" % (path, got.dtype.str, dt.str), e)
        expect(got.shape == shape, "%s: shape %s" % (path, got.shape,), e)
        expect(got.flags.c_contiguous, "%s: not C-contiguous" % path, e)
        expect(got.tobytes() == raw, "%s: values differ from the raw bytes" % path, e)
        checked += 1

    np.save(e["save"], want)

    try:
        d = json.load(open(e["json"]))
        back = np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"])
    except Exception as exc:
        expect(False, "MarshalJSON: the recipe fails: %s" % exc, e)
        continue
    expect(back.dtype.name == e["dtype"], "MarshalJSON: dtype %s" % back.dtype.name, e)
    expect(back.shape == shape, "MarshalJSON: shape %s" % (back.shape,), e)
    expect(back.astype(dt).tobytes() == raw, "MarshalJSON: values differ from the raw bytes", e)
    checked += 1

json.dump({
    "checked": checked,
    "errors": errors,
    "numpy": np.__version__,
    "machine": platform.machine(),
    "byteorder": sys.byteorder,
}, sys.stdout)

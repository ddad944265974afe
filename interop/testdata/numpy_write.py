# numpy -> Go: writes every fixture the Go side reads into the current
# directory, in one run, and prints a manifest (JSON) on stdout.
#
# argv[1] is JSON from the Go test: {"dtypes": [names from typed.DTypes()],
# "shapes": [[rows, cols], ...]}. Nothing here lists dtypes by hand: the
# table comes from Go and everything else is derived from np.dtype(name).
#
# Every array starts with the interesting values of its kind (see
# specials) followed by random bytes, so the larger shapes hold all of them.
# With each .npy file the manifest names numpy's own answer: the array as
# C-order, little-endian bytes, arr.astype(dt.newbyteorder('<')).tobytes(order='C')
# (files of equal bytes are written once).
import base64
import json
import platform
import sys

import numpy as np

cfg = json.loads(sys.argv[1])
rng = np.random.default_rng(20240602)
manifest = {
    "numpy": np.__version__,
    "machine": platform.machine(),
    "byteorder": sys.byteorder,
    "table": {},
    "specials": {},
    "npy": [],
    "refused": [],
    "lowrank": [],
    "raw": [],
    "json": [],
}


def little(dt):
    return np.dtype(dt).newbyteorder("<")


def float_bits(dt):
    """Bit patterns of interesting values of float dtype dt, as unsigned ints."""
    fi = np.finfo(dt)
    u = little("u%d" % dt.itemsize)
    sign = 1 << (dt.itemsize * 8 - 1)
    inf = ((1 << fi.nexp) - 1) << fi.nmant
    quiet = 1 << (fi.nmant - 1)
    top = (1 << fi.nmant) - 1
    pats = [
        0, sign,                       # 0.0, -0.0
        inf, sign | inf,               # inf, -inf
        inf | quiet, sign | inf | quiet,  # quiet nan, negative nan
        inf | 1,                       # signalling nan, payload 1
        inf | quiet | 0x55,            # quiet nan with a payload
        sign | inf | top,              # negative nan, all payload bits set
        1, sign | 1,                   # smallest subnormals
        top,                           # largest subnormal
        1 << fi.nmant,                 # smallest normal (finfo.tiny)
        inf - 1, sign | (inf - 1),     # max, -max
    ]
    ordinary = np.array([1.0, -2.5, 0.1, np.pi, fi.eps], dtype=dt).view(u)
    return np.concatenate([np.array(pats, dtype=u), ordinary])


def check_floats(dt, v):
    """Fails unless v holds what the suite promises to carry bit for bit."""
    fi = np.finfo(dt)
    with np.errstate(invalid="ignore", over="ignore"):
        have = {
            "nan payloads": len(set(v[np.isnan(v)].tobytes()[i:i + dt.itemsize]
                                    for i in range(0, v[np.isnan(v)].nbytes, dt.itemsize))) >= 4,
            "subnormals": bool(np.any((v != 0) & (np.abs(v) < fi.tiny))),
            "-0.0": bool(np.any((v == 0) & np.signbit(v))),
            "inf and -inf": bool(np.any(np.isposinf(v)) and np.any(np.isneginf(v))),
            "max": bool(np.any(v == fi.max)),
        }
    missing = [k for k, ok in have.items() if not ok]
    if missing:
        raise SystemExit("specials of %s lack %s" % (dt, missing))


def specials(dt):
    """The interesting values of dt's kind, as a 1-D little-endian array."""
    if dt.kind == "b":
        return np.array([False, True, True, False], dtype=dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        vals = [info.min, info.max, 0, 1, info.max - 1, info.min + 1, info.max // 2 + 1]
        if dt.kind == "i":
            vals.append(-1)
        return np.array(vals, dtype=dt)
    if dt.kind == "f":
        v = float_bits(dt).view(dt)
        check_floats(dt, v)
        return v
    if dt.kind == "c":
        # Pairs of float patterns: nan real with finite imaginary part, both
        # nan, zero real with nan imaginary part, and so on.
        part = little("f%d" % (dt.itemsize // 2))
        f = float_bits(part)
        re = np.concatenate([f, f, np.zeros_like(f)])
        im = np.concatenate([f, np.roll(f, 3), f])
        pairs = np.empty(2 * len(re), dtype=f.dtype)
        pairs[0::2], pairs[1::2] = re, im
        return pairs.view(dt)
    raise SystemExit("no specials for dtype %s" % dt)


def make(dt, shape, sp):
    """A C-order little-endian array: the specials first, then random data."""
    n = shape[0] * shape[1]
    head = sp.tobytes()[: n * dt.itemsize]
    need = n * dt.itemsize - len(head)
    if dt.kind == "b":
        tail = rng.integers(0, 2, size=need, dtype=np.uint8).tobytes()
    else:
        tail = rng.bytes(need)
    return np.frombuffer(head + tail, dtype=dt).reshape(shape).copy()


blobs = {}


def blob(name, content):
    """Writes content as name, unless an earlier file holds the same bytes:
    the fixtures repeat themselves a lot, and fewer files are faster."""
    if content not in blobs:
        open(name, "wb").write(content)
        blobs[content] = name
    return blobs[content]


def baseline(arr):
    return arr.astype(arr.dtype.newbyteorder("<")).tobytes(order="C")


def save(path, arr, version=None):
    if version is None:
        np.save(path, arr)
    else:
        with open(path, "wb") as fh:
            np.lib.format.write_array(fh, arr, version=version)


def variants(arr):
    be = arr.astype(arr.dtype.newbyteorder(">"))
    yield "c", arr, None
    yield "fortran", np.asfortranarray(arr), None
    yield "big", be, None
    yield "fortran-big", np.asfortranarray(be), None
    yield "v2", arr, (2, 0)
    yield "v3-fortran-big", np.asfortranarray(be), (3, 0)


for name in cfg["dtypes"]:
    dt = little(name)
    manifest["table"][name] = {"descr": dt.str, "kind": dt.kind, "size": dt.itemsize}
    sp = specials(dt)
    manifest["specials"][name] = blob("specials-%s.raw" % name, sp.tobytes())

    for r, c in cfg["shapes"]:
        arr = make(dt, (r, c), sp)
        if r * c >= len(sp) and arr.tobytes()[: len(sp.tobytes())] != sp.tobytes():
            raise SystemExit("%s %s lost its special values" % (name, arr.shape))
        stem = "%s-%dx%d" % (name, r, c)

        for variant, v, version in variants(arr):
            path = "%s-%s.npy" % (stem, variant)
            save(path, v, version)
            raw = blob(path[:-4] + ".raw", baseline(v))
            manifest["npy"].append({
                "file": path, "raw": raw, "dtype": name, "shape": [r, c],
                "variant": variant, "descr": v.dtype.str,
                "fortran": bool(np.isfortran(v)),
            })

        # The raw recipe: tobytes() + a dtype string + the shape. Names and
        # descrs without '<' or '>' mean this host's order; numpy says what
        # each one means by reading the bytes itself.
        data = blob(stem + ".tobytes", arr.tobytes())
        code = "%s%d" % (dt.kind, dt.itemsize)
        descrs = list(dict.fromkeys([name, dt.str, code, "=" + code, "<" + code]))
        for i, descr in enumerate(descrs):
            native = descr[0] not in "<>|" and dt.itemsize > 1
            got = np.frombuffer(arr.tobytes(), dtype=descr).reshape((r, c))
            expect = blob("%s-raw%d.expect" % (stem, i), got.tobytes() if native else baseline(got))
            manifest["raw"].append({
                "data": data, "dtype": name, "dtype_string": descr, "shape": [r, c], "expect": expect,
                "order": "native" if native else "little",
            })
        be = arr.astype(arr.dtype.newbyteorder(">"))
        bedata = blob(stem + ".be-tobytes", be.tobytes())
        got = np.frombuffer(be.tobytes(), dtype=be.dtype.str).reshape((r, c))
        expect = blob(stem + "-raw-big.expect", baseline(got))
        manifest["raw"].append({
            "data": bedata, "dtype": name, "dtype_string": be.dtype.str, "shape": [r, c], "expect": expect,
            "order": "little",
        })

        # JSON envelopes as a Python user would write them (json.dumps with
        # its default spacing): by name with tobytes(), and by a big-endian
        # descr with big-endian bytes. The manifest carries their text.
        for tag, dtype_string, payload in [("name", name, arr.tobytes()),
                                           ("big", be.dtype.str, be.tobytes())]:
            env = {"dtype": dtype_string, "shape": list(arr.shape),
                   "data": base64.b64encode(payload).decode("ascii")}
            back = np.frombuffer(base64.b64decode(env["data"]), dtype=env["dtype"]).reshape(env["shape"])
            if baseline(back) != baseline(arr):
                raise SystemExit("python cannot read its own envelope %s" % env["dtype"])
            manifest["json"].append({"envelope": json.dumps(env), "raw": blob(stem + "-c.raw", baseline(arr)),
                                     "dtype": name, "shape": [r, c]})

    # Vectors and scalars, as a fitted model holds them: read as 1 x n and
    # 1 x 1, written back with numpy's shape.
    for shape in [(5,), (), (0,)]:
        arr = make(dt, (1, int(np.prod(shape))), sp).reshape(shape)
        for tag, a in [("c", arr), ("big", arr.astype(arr.dtype.newbyteorder(">")))]:
            path = "%s-shape%s-%s.npy" % (name, "x".join(map(str, shape)) or "scalar", tag)
            np.save(path, a)
            manifest["lowrank"].append({"file": path, "raw": blob(path + ".raw", baseline(a)),
                                        "name": a.dtype.name, "shape": list(shape), "canonical": tag == "c"})

    # A rank the family cannot hold, in this dtype.
    for shape in [(2, 3, 4)]:
        path = "%s-rank%d.npy" % (name, len(shape))
        np.save(path, make(dt, (1, int(np.prod(shape))), sp).reshape(shape))
        manifest["refused"].append({"file": path, "dtype": name, "err": "shape", "mention": repr(shape)})

# Strings, of every rank, with numpy's edge values: embedded NULs (kept),
# trailing NULs (dropped by numpy), characters beyond the BMP, a lone
# surrogate, bytes that are no UTF-8, the empty string.
strs = ["setosa", "", "a\x00b", "h\u00e9llo", "\U0001f642!", "\ud800x", "virginica"]
byts = [b"setosa", b"", b"a\x00b", b"\xff\xfe", b"tail\x00", b"virginica"]
for tag, arr in [("u", np.array(strs)), ("u2d", np.array(strs[:6]).reshape(2, 3)),
                 ("u0d", np.array("scalar")), ("ubig", np.array(strs).astype(">U12")),
                 ("uwide", np.array(strs, dtype="<U40")), ("ufortran", np.asfortranarray(np.array(strs[:6]).reshape(3, 2))),
                 ("s", np.array(byts)), ("s2d", np.array(byts).reshape(2, 3)), ("s0d", np.array(b"x"))]:
    path = "strings-%s.npy" % tag
    np.save(path, arr)
    manifest["lowrank"].append({"file": path, "raw": blob(path + ".raw", baseline(arr)),
                                "name": arr.dtype.name, "shape": list(arr.shape),
                                "canonical": arr.dtype.str[0] != ">" and not np.isfortran(arr)})

# dtypes the family cannot hold, each 2-D; mention is what the error must
# name: the descr np.save wrote, or "structured" for a list of fields.
others = [
    ("object", np.array([[1, "a"], [None, 2.5]], dtype=object)),
    ("structured", np.zeros((2, 2), dtype=[("a", "<i4"), ("b", "<f8")])),
    ("datetime64", np.array([["2024-01-01", "1970-01-01"]], dtype="datetime64[D]")),
    ("timedelta64", np.zeros((2, 2), dtype="timedelta64[s]")),
    ("void", np.zeros((2, 2), dtype="V8")),
    ("longdouble", np.zeros((2, 2), dtype=np.longdouble)),
    ("clongdouble", np.zeros((2, 2), dtype=np.clongdouble)),
]
for tag, arr in others:
    path = "refused-%s.npy" % tag
    np.save(path, arr)
    mention = "structured" if arr.dtype.names else arr.dtype.str
    manifest["refused"].append({"file": path, "dtype": None, "err": "dtype", "mention": mention})

json.dump(manifest, sys.stdout)

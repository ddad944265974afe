# numpy's astype, the judge of generated.AsType. Run by astype_test.go
# after numpytest's prelude (np, DTYPES, sys). For every numeric dtype of
# the table it writes src_<dtype>.npy, a row of edge values of that dtype,
# and for every target dtype to_<src>_<dst>.npy, numpy's astype of that row,
# with def_<src>_<dst>.npy, which elements numpy defines: a float or complex
# value that is NaN, infinite or out of the target integer's range has no
# defined integer. It prints the dtypes it covered, one a line.
import warnings

warnings.simplefilter("ignore")  # ComplexWarning, overflow in casts

numeric = [n for n in DTYPES if np.dtype(n).itemsize > 0]

def nan(bits, dt):
    return np.array([bits], dtype=dt).view({np.uint64: np.float64, np.uint32: np.float32}[dt])[0]

ints = [0, 1, -1, 2, 7, -7, 100, 127, 128, -128, -129, 200, 255, 256, 257, 300, -300,
        2048, 2049, 4097, 32767, 32768, -32768, -32769, 65504, 65519, 65520, 65535, 65536,
        -65520, 123456, 16777216, 16777217, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1,
        2**32, 2**32 + 5, 2**53 + 1, 2**62 + 2**38 + 1, -2**62 - 2**38 - 1, 2**63 + 2**39 + 1, 2**63 - 1, -2**63, 2**63, 2**64 - 1]
floats = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.99999, -0.99999, 1.5, -1.5, 2.5, -2.5, 3.7, -3.7,
          127.9, 128.5, -128.9, -129.5, 255.9, 256.0, 300.7, -300.7, 32767.5, 32768.5, -32768.9,
          65504.0, 65519.99, 65520.0, 65535.9, 1e5, -1e5, 2.0**31 - 0.5, 2.0**31, -2.0**31 - 0.5,
          4294967295.5, 1e10, -1e10, 2.0**53 + 2, 1e18, 2.0**63, -2.0**63, 1.8e19, 2.0**64,
          3.4e38, 3.5e38, 1e300, -1e300, 5e-324, 1e-40, 1e-8, 6e-8, 2.0**-24, 2.0**-25,
          3 * 2.0**-26, 2.0**-14, 1 + 2.0**-11, 1 + 3 * 2.0**-11, 1 + 2.0**-11 + 2.0**-40,
          1 + 2.0**-24 + 2.0**-60, 0.1, 1 / 3, 2.0**24 + 1, np.inf, -np.inf, np.nan, -np.nan,
          nan(0x7FF8000000000123, np.uint64), nan(0xFFF80000DEAD0000, np.uint64),
          nan(0x7FFC000000000000, np.uint64)]

def edge_values(dt):
    dt = np.dtype(dt)
    if dt.kind == "b":
        return np.array([False, True, True, False], dtype=dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return np.array([v for v in ints if info.min <= v <= info.max], dtype=dt)
    f = np.array(floats, dtype=np.float64)
    extra = np.array([nan(0x7FC01234, np.uint32), nan(0xFFC00001, np.uint32), nan(0x7FE00000, np.uint32)], dtype=np.float32)
    if dt.kind == "f":
        return np.concatenate([f.astype(dt), extra.astype(dt)])
    re = np.concatenate([f, extra.astype(np.float64), [1.5, 0.0, -0.0, np.nan, 65520.0, 3.7]])
    im = np.concatenate([np.zeros(len(f)), np.zeros(len(extra)), [-2.5, 1.0, -0.0, 0.0, 1.0, np.nan]])
    return (re + 1j * im).astype(dt) if dt.itemsize == 16 else (re.astype(np.float32) + 1j * im.astype(np.float32)).astype(dt)

def defined(src, dst):
    dst = np.dtype(dst)
    if dst.kind not in "iu" or src.dtype.kind not in "fc":
        return np.ones(src.shape, dtype=bool)
    info = np.iinfo(dst)
    out = []
    for v in np.real(src).astype(np.float64).ravel():
        ok = bool(np.isfinite(v)) and info.min <= int(np.trunc(v)) <= info.max
        out.append(ok)
    return np.array(out, dtype=bool).reshape(src.shape)

for s in numeric:
    src = edge_values(s).reshape(1, -1)
    np.save("src_%s.npy" % s, src)
    for d in numeric:
        np.save("to_%s_%s.npy" % (s, d), src.astype(d))
        np.save("def_%s_%s.npy" % (s, d), defined(src, d))
    print(s)

# Go -> numpy for the fitted scikit-learn arrays: numpy judges what Go wrote.
#
# argv[1] names a JSON file from the Go test:
#   {"models": [{"npz": [archives Go wrote], "arrays": [
#       {"key": npz key, "npy": numpy's own file, "json": Go's envelope}]}]}
# Each archive must hold exactly the model's keys, and each member, like each
# envelope decoded with the README's one-liner, must equal np.load of
# numpy's own file: same dtype, same shape, same bytes. Prints
# {"checked": n, "errors": [...]}.
import base64
import json

with open(sys.argv[1]) as f:
    cfg = json.load(f)
errors = []
checked = 0


def same(what, got, want):
    global checked
    checked += 1
    if got.dtype != want.dtype or got.shape != want.shape or got.tobytes() != want.tobytes():
        errors.append("%s: %s %s %r, numpy saved %s %s %r" % (
            what, got.dtype.str, got.shape, got.tobytes()[:48],
            want.dtype.str, want.shape, want.tobytes()[:48]))


for m in cfg["models"]:
    want = {a["key"]: np.load(a["npy"]) for a in m["arrays"]}
    for path in m["npz"]:
        with np.load(path, allow_pickle=False) as z:
            if sorted(z.files) != sorted(want):
                errors.append("%s holds %s, want %s" % (path, sorted(z.files), sorted(want)))
                continue
            for key in z.files:
                same("%s[%r]" % (path, key), z[key], want[key])
    for a in m["arrays"]:
        with open(a["json"]) as f:
            d = json.load(f)
        try:
            got = np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"])
        except Exception as e:
            errors.append("%s: %s: %s" % (a["json"], type(e).__name__, e))
            continue
        same(a["json"], got, want[a["key"]])
print(json.dumps({"checked": checked, "errors": errors}))

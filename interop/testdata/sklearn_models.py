# scikit-learn -> Go: fits 18 common estimators on small bundled datasets
# (no downloads), collects every fitted numpy array they hold and exports
# each one every way a Python user would hand it to Go. Files go to the
# current directory; the manifest (JSON) is printed on stdout.
#
# A fitted array is an attribute in vars(estimator) whose name ends with '_'
# (and does not start with one) and whose value is an np.ndarray or a numpy
# scalar (np.asarray turns it into a 0-D array), each element of a list of
# arrays (MLP's coefs_ and intercepts_), and the arrays of fitted estimators
# nested in a Pipeline's steps or in an attribute such as RFE's estimator_.
# Fitted attributes that are Python bools, ints and floats (n_features_in_,
# KMeans' inertia_) are exported too, as np.asarray makes them: 0-D arrays.
#
# For an array with file stem F:
#   F.raw   arr.tobytes(), with arr.dtype.name and arr.shape in the manifest
#   F.npy   np.save
#   F.json  the JSON envelope {"dtype", "shape", "data": base64 of tobytes()},
#           dtype by name, or by descr for strings (np.dtype('str320') fails)
#   F.c.npy np.save of np.ascontiguousarray(arr), for a Fortran-ordered arr
# and for each estimator M: M.npz (np.savez) and M.c.npz
# (np.savez_compressed) of all its arrays under their keys.
import base64
import json
import warnings

import numpy as np
import sklearn
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.datasets import (load_breast_cancer, load_diabetes, load_iris,
                              make_classification, make_regression)
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_selection import RFE, SelectKBest, f_classif
from sklearn.linear_model import (Lasso, LinearRegression, LogisticRegression,
                                  Ridge)
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import NearestCentroid
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore", category=ConvergenceWarning)

iris = load_iris()
Xi, yi = iris.data, iris.target
Xis = StandardScaler().fit_transform(Xi)
Xc, yc = load_breast_cancer(return_X_y=True)
Xcs = StandardScaler().fit_transform(Xc)
Xd, yd = load_diabetes(return_X_y=True)
Xr, yr = make_regression(n_samples=60, n_features=5, n_targets=2, random_state=0)
Xm, ym = make_classification(n_samples=120, n_features=6, n_informative=4,
                             n_classes=3, random_state=0)

# (key, estimator, X, y): the estimators and others as common, 18 in all.
MODELS = [
    ("standard_scaler", StandardScaler(), Xi, None),
    ("minmax_scaler", MinMaxScaler(), Xi, None),
    ("pca", PCA(n_components=2), Xi, None),
    ("logreg_binary", LogisticRegression(), Xcs, yc),
    ("logreg_multiclass", LogisticRegression(max_iter=500), Xi, yi),
    ("logreg_string_labels", LogisticRegression(max_iter=500), Xi, iris.target_names[yi]),
    ("linear_regression", LinearRegression(), Xd, yd),
    ("linear_regression_2_targets", LinearRegression(), Xr, yr),
    ("ridge", Ridge(alpha=1.0), Xd, yd),
    ("lasso", Lasso(alpha=0.1), Xd, yd),
    ("linear_svc", LinearSVC(random_state=0), Xis, yi),
    ("mlp_classifier", MLPClassifier(hidden_layer_sizes=(8,), max_iter=200, random_state=0), Xm, ym),
    ("gaussian_nb", GaussianNB(), Xi, yi),
    ("kmeans", KMeans(n_clusters=3, n_init=4, random_state=0), Xi, None),
    ("select_k_best", SelectKBest(f_classif, k=5), Xc, yc),
    ("rfe", RFE(LogisticRegression(), n_features_to_select=5, step=5), Xcs, yc),
    ("pipeline_scaler_pca_logreg", Pipeline([
        ("scaler", StandardScaler()), ("pca", PCA(n_components=2)),
        ("logreg", LogisticRegression())]), Xi, yi),
    ("nearest_centroid_bytes_labels", NearestCentroid(), Xi, iris.target_names[yi].astype(np.bytes_)),
]


def fitted_arrays(est, prefix=""):
    """Yields (key, array, python) for every fitted array of est; python
    marks a Python bool, int or float attribute (n_features_in_), which
    np.savez saves as a 0-D array like a numpy scalar."""
    if isinstance(est, Pipeline):
        for name, step in est.steps:
            yield from fitted_arrays(step, prefix + name + ".")
        return
    for name, v in vars(est).items():
        if not name.endswith("_") or name.startswith("_"):
            continue
        if isinstance(v, (np.ndarray, np.generic)):
            yield prefix + name, np.asarray(v), False
        elif isinstance(v, (bool, int, float)):
            yield prefix + name, np.asarray(v), True
        elif isinstance(v, list) and v and all(isinstance(x, np.ndarray) for x in v):
            for i, x in enumerate(v):
                yield "%s%s.%d" % (prefix, name, i), x, False
        elif isinstance(v, BaseEstimator):
            yield from fitted_arrays(v, prefix + name + ".")


def json_dtype(dt):
    return dt.str if dt.kind in "US" else dt.name


manifest = {"numpy": np.__version__, "sklearn": sklearn.__version__, "models": []}
for model, est, X, y in MODELS:
    est.fit(X, y)
    arrays = {}
    entries = []
    for key, a, python in fitted_arrays(est):
        assert a.dtype.kind != "O", "%s.%s is an object array" % (model, key)
        stem = "%s.%s" % (model, key)
        np.save(stem + ".npy", a)
        # np.save keeps a Fortran-ordered array (LinearSVC's coef_) in
        # Fortran order; Go holds C order, and writes what np.save writes
        # for the C-ordered copy.
        fortran = a.ndim > 1 and a.flags.f_contiguous and not a.flags.c_contiguous
        if fortran:
            np.save(stem + ".c.npy", np.ascontiguousarray(a))
        raw = a.tobytes()
        with open(stem + ".raw", "wb") as f:
            f.write(raw)
        with open(stem + ".json", "w") as f:
            json.dump({"dtype": json_dtype(a.dtype), "shape": list(a.shape),
                       "data": base64.b64encode(raw).decode()}, f)
        arrays[key] = a
        entries.append({"key": key, "file": stem, "dtype": a.dtype.name,
                        "descr": a.dtype.str, "shape": list(a.shape),
                        "fortran": bool(fortran), "python": python})
    np.savez(model + ".npz", **arrays)
    np.savez_compressed(model + ".c.npz", **arrays)
    manifest["models"].append({"name": model, "estimator": repr(est).replace("\n", ""),
                               "arrays": entries})
print(json.dumps(manifest))

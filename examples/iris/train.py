"""Fits StandardScaler -> LogisticRegression on iris, with the class labels
as strings, and saves the model for Go without pickle.

    python3 train.py [folder]

writes into folder (default: the current one)

    model.npz    every fitted array of the pipeline, np.savez, under
                 "<step>.<attribute>": scaler.mean_, scale_, var_,
                 n_samples_seen_; logreg.classes_, coef_, intercept_, n_iter_
    flowers.npy  flowers to classify: iris itself and 30 made-up ones
    sklearn.npz  scikit-learn's answers for them: predict_proba, predict

Everything comes with scikit-learn (Debian: apt-get install python3-sklearn):
no download.
"""
import os
import sys

import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

out = sys.argv[1] if len(sys.argv) > 1 else "."

iris = load_iris()
X = iris.data
y = iris.target_names[iris.target]  # 'setosa', 'versicolor', 'virginica': dtype '<U10'

model = Pipeline([("scaler", StandardScaler()), ("logreg", LogisticRegression(max_iter=1000))])
model.fit(X, y)


def fitted_arrays(est, prefix):
    """The estimator's fitted numpy arrays: attributes ending with '_'."""
    return {prefix + name: np.asarray(v) for name, v in vars(est).items()
            if name.endswith("_") and not name.startswith("_")
            and isinstance(v, (np.ndarray, np.generic))}


arrays = {}
for name, step in model.steps:
    arrays.update(fitted_arrays(step, name + "."))
np.savez(os.path.join(out, "model.npz"), **arrays)

# Flowers to classify: the training set and 30 random ones around it.
rng = np.random.default_rng(9)
lo, hi = X.min(axis=0), X.max(axis=0)
flowers = np.vstack([X, rng.uniform(lo - 1, hi + 1, size=(30, X.shape[1]))])
np.save(os.path.join(out, "flowers.npy"), flowers)
np.savez(os.path.join(out, "sklearn.npz"),
         predict_proba=model.predict_proba(flowers), predict=model.predict(flowers))

for key, a in arrays.items():
    print("%-24s %-8s %s" % (key, a.dtype.str, a.shape))

"""The scikit-learn anchors of `npm run bench:quality`: HistGradientBoosting and MLP with their defaults,
trained on one file's training rows and scored on its test rows.

    python3 sklearn_anchors.py train.csv test.csv TARGET TASK [SEED] [mlp|no-mlp]

TASK is classification or regression; no-mlp leaves the MLP out (its default 200 epochs are slow on large tables). The CSVs hold the cells exactly as Layerlab read them (numbers as
numbers, empty cells for gaps, text as text); the columns Layerlab's suggested recipe drops (IDs, free
text) are already left out, so both tools see the same rows and the same columns. Prints one JSON object.
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)

train_path, test_path, target, task = sys.argv[1:5]
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
with_mlp = (sys.argv[6] if len(sys.argv) > 6 else "mlp") == "mlp"
train = pd.read_csv(train_path, keep_default_na=False, na_values=[""])
test = pd.read_csv(test_path, keep_default_na=False, na_values=[""])
y_train, y_test = train.pop(target), test.pop(target)
if task == "classification":
    y_train, y_test = y_train.astype(str), y_test.astype(str)
categorical = [c for c in train.columns if train[c].dtype == object or test[c].dtype == object]
for frame in (train, test):
    for c in categorical:
        frame[c] = frame[c].map(lambda v: v if pd.isna(v) else str(v)).astype(object)
numeric = [c for c in train.columns if c not in categorical]


def score(y_true, y_pred):
    return float(accuracy_score(y_true, y_pred) if task == "classification" else r2_score(y_true, y_pred))


def hist_gradient_boosting():
    # Categories as ordinal codes flagged categorical (HistGradientBoosting's own handling, up to 254 levels),
    # gaps left as NaN (it routes them itself): its defaults at their best.
    encoder = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan)
    columns = ColumnTransformer([("cat", encoder, categorical), ("num", "passthrough", numeric)], sparse_threshold=0)
    x_train, x_test = columns.fit_transform(train), columns.transform(test)
    levels = [len(c) for c in columns.named_transformers_["cat"].categories_] if categorical else []
    mask = [n <= 254 for n in levels] + [False] * len(numeric)
    Model = HistGradientBoostingClassifier if task == "classification" else HistGradientBoostingRegressor
    model = Model(categorical_features=mask if any(mask) else None, random_state=seed)
    model.fit(x_train, y_train)
    return score(y_test, model.predict(x_test))


def mlp():
    parts = []
    if numeric:
        parts.append(("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric))
    if categorical:
        parts.append(("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical))
    Model = MLPClassifier if task == "classification" else MLPRegressor
    model = make_pipeline(ColumnTransformer(parts), Model(random_state=seed))
    model.fit(train, y_train)
    return score(y_test, model.predict(test))


result = {"mlp": None}
for name, run in (("hgb", hist_gradient_boosting), ("mlp", mlp)):
    if name == "mlp" and not with_mlp:
        continue
    started = time.perf_counter()
    result[name] = {"score": run(), "seconds": time.perf_counter() - started}
print(json.dumps(result))

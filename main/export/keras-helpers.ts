/**
 * The fixed Python every exported Keras script carries. Helpers: reading the file the way Layerlab read it
 * (trimmed cells, the same missing-value markers, numbers written as category labels exactly as JavaScript
 * writes them) and replacing a column in place, as Layerlab's steps do, so feature order matches. Then the
 * parts of the four steps that read only the script's constants (TASK, CLASS_LABELS, SPLIT, EPOCHS, ...).
 */
import { DEFAULT_MISSING_MARKERS } from '../../engine/table/missing.ts';
import { py } from './python-literal.ts';

export const PYTHON_HELPERS = String.raw`
MISSING_MARKERS = ${py([...DEFAULT_MISSING_MARKERS])}


def number_label(value):
    """The text JavaScript's String(number) gives: how Layerlab names a number used as a category ("1", "2.5")."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e21:
        return str(int(value))
    sign, digits, exponent = Decimal(repr(float(value))).as_tuple()
    text = "".join(map(str, digits)).rstrip("0")
    k = len(text)
    n = exponent + len(digits)
    if k <= n <= 21:
        body = text + "0" * (n - k)
    elif 0 < n <= 21:
        body = text[:n] + "." + text[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * -n + text
    else:
        e = n - 1
        body = (text if k == 1 else text[0] + "." + text[1:]) + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return ("-" if sign else "") + body


def as_labels(series):
    """A column as category labels: trimmed texts, numbers written as Layerlab writes them; missing stays NaN."""
    def label(value):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return np.nan
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            return number_label(float(value))
        return str(value).strip()
    return series.map(label)


def as_numbers(series, decimal_comma=False):
    if series.dtype == object:
        text = series.astype("string").str.strip()
        if decimal_comma:
            text = text.str.replace(",", ".", regex=False)
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.to_numeric(series, errors="coerce").astype("float64")


def target_labels(series):
    """Class labels of the target: numbers when every value is one (as Layerlab stores them), else the texts."""
    numbers = pd.to_numeric(series, errors="coerce")
    if numbers.notna().sum() == series.notna().sum():
        return as_labels(numbers)
    return as_labels(series)


def read_table(path):
    """Every cell as text, trimmed, with Layerlab's missing-value markers turned into NaN."""
    if path.lower().endswith((".xlsx", ".xlsm", ".xls")):
        frame = pd.read_excel(path, sheet_name=SOURCE.get("sheet") or 0, dtype=object)
    else:
        frame = pd.read_csv(path, sep=SOURCE.get("delimiter") or None, engine="python" if not SOURCE.get("delimiter") else "c",
                            dtype=str, keep_default_na=False, encoding=SOURCE.get("encoding") or "utf-8-sig")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda column: column.map(lambda v: v.strip() if isinstance(v, str) else v))
    return frame.replace(MISSING_MARKERS, np.nan)


def replace_column(frame, name, new_columns):
    """Puts new_columns (a dict of name → values) where column name was, as Layerlab's steps do."""
    at = list(frame.columns).index(name)
    left, right = frame.iloc[:, :at], frame.iloc[:, at + 1:]
    return pd.concat([left, pd.DataFrame(new_columns, index=frame.index), right], axis=1)
`;

/** The end of `clean()`: the feature matrix and the target as the network learns it. */
export const PYTHON_CLEAN_TAIL = String.raw`
    missing = [name for name in FEATURES if name not in frame.columns]
    if missing:
        raise ValueError(f"the recipe did not produce the features {missing}")
    features = frame[FEATURES].astype("float64")
    usable = np.isfinite(features).all(axis=1)
    y = encode_target(frame[TARGET]) if TARGET in frame.columns else None
    if training and y is not None:
        usable &= y.notna()
    if not usable.all():
        print(f"{int((~usable).sum())} rows left out: empty or infinite values the recipe does not fill")
    return features[usable].astype("float32"), (y[usable] if y is not None else None)


def encode_target(values):
    """y as the network learns it: 0/1, the class index, or the standardized value."""
    if TASK == "regression":
        return values if TARGET_SCALE is None else (values - TARGET_SCALE["mean"]) / TARGET_SCALE["std"]
    return values.map({label: index for index, label in enumerate(CLASS_LABELS)}).astype("float64")
`;

/** Step 3's split: the script's own train/validation/test rows, in Layerlab's proportions. */
export const PYTHON_SPLIT = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 3: train it. Same proportions, seed and settings as in Layerlab; scikit-learn draws its own rows, so the
# split (and therefore the scores) differ a little from Layerlab's.
# ---------------------------------------------------------------------------------------------------------
def split(X, y):
    from sklearn.model_selection import train_test_split

    def cut(X, y, fraction):
        if fraction <= 0:
            return X, X.iloc[:0], y, y.iloc[:0]
        stratify = y if TASK != "regression" and SPLIT["stratify"] else None
        return train_test_split(X, y, test_size=fraction, stratify=stratify, random_state=SEED)

    X_rest, X_test, y_rest, y_test = cut(X, y, SPLIT["test"])
    X_train, X_val, y_train, y_val = cut(X_rest, y_rest, SPLIT["validation"] / (1 - SPLIT["test"]))
    return X_train, X_val, X_test, y_train, y_val, y_test


`;

/** Step 3 for one network: fit with the constants' epochs, batch size, class weights and callbacks. */
export const PYTHON_TRAIN = String.raw`def train(model, X_train, y_train, X_val, y_val):
    import keras

    validation = (X_val.to_numpy(), y_val.to_numpy()) if len(X_val) else None
    monitor = "val_loss" if validation else "loss"
    class_weight = None
    if CLASS_WEIGHT == "balanced" and TASK != "regression":
        counts = y_train.value_counts()
        class_weight = {int(k): len(y_train) / (len(CLASS_LABELS) * n) for k, n in counts.items()}
    return model.fit(X_train.to_numpy(), y_train.to_numpy(), validation_data=validation, epochs=EPOCHS, batch_size=BATCH_SIZE,
                     callbacks=callbacks(keras, monitor), class_weight=class_weight, verbose=2)


`;

/** Step 4: the test rows' scores, next to Layerlab's own. */
export const PYTHON_EVALUATE = String.raw`# ---------------------------------------------------------------------------------------------------------
# Step 4: evaluate it on the test rows (Layerlab's own test scores are in LAYERLAB_TEST_METRICS).
# ---------------------------------------------------------------------------------------------------------
def evaluate(model, X_test, y_test):
    outputs = model.predict(X_test.to_numpy(), verbose=0)
    if TASK == "regression":
        scale = TARGET_SCALE or {"mean": 0.0, "std": 1.0}
        actual = y_test.to_numpy() * scale["std"] + scale["mean"]
        predicted = outputs[:, 0] * scale["std"] + scale["mean"]
        errors = predicted - actual
        r2 = 1 - np.sum(errors ** 2) / np.sum((actual - actual.mean()) ** 2)
        print(f"test R² {r2:.4f}, RMSE {np.sqrt(np.mean(errors ** 2)):.4f}, MAE {np.mean(np.abs(errors)):.4f}")
    else:
        actual = y_test.to_numpy().astype(int)
        predicted = (outputs[:, 0] >= THRESHOLD).astype(int) if TASK == "binary" else outputs.argmax(axis=1)
        confusion = np.zeros((len(CLASS_LABELS), len(CLASS_LABELS)), dtype=int)
        np.add.at(confusion, (actual, predicted), 1)
        print(f"test accuracy {np.mean(actual == predicted):.4f}")
        print("confusion matrix (rows: actual, columns: predicted)")
        print(pd.DataFrame(confusion, index=CLASS_LABELS, columns=CLASS_LABELS).to_string())
    print(f"Layerlab's test scores: {LAYERLAB_TEST_METRICS}")


`;

/** The entry point of a one-network script. */
export const PYTHON_MAIN = String.raw`def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=SOURCE["name"], help=f"the data file (default: {SOURCE['name']})")
    parser.add_argument("--save", default="model.keras", help="where to save the trained Keras model")
    args = parser.parse_args()

    import keras

    keras.utils.set_random_seed(SEED)
    X, y = clean(load_data(args.data))
    print(f"{len(X)} rows x {X.shape[1]} features after cleaning")
    X_train, X_val, X_test, y_train, y_val, y_test = split(X, y)
    model = build_model()
    model.summary()
    train(model, X_train, y_train, X_val, y_val)
    if len(X_test):
        evaluate(model, X_test, y_test)
    model.save(args.save)
    print(f"saved {args.save}")


if __name__ == "__main__":
    main()
`;

/** Steps 3 and 4 and the entry point: nothing in them depends on the model but the constants above them. */
export const PYTHON_TRAIN_EVALUATE = `${PYTHON_SPLIT}${PYTHON_TRAIN}${PYTHON_EVALUATE}${PYTHON_MAIN}`;

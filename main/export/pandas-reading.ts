/**
 * The fixed Python the exported Keras and PyTorch scripts share for step 1, cleaning: reading the file the way
 * Layerlab read it (trimmed cells, the same missing-value markers, numbers written as category labels exactly as
 * JavaScript writes them), typing each column as Layerlab typed it, replacing a column in place as Layerlab's
 * steps do (so feature order matches), and the end of `clean()`: the feature matrix and the target as the
 * network learns it. Each function reads only the script's constants and works cell by cell, so a file read in
 * chunks cleans to the same rows as one read whole. Each script defines `left_out(count, reason, examples)`.
 */
import { DEFAULT_MISSING_MARKERS } from '../../engine/table/missing.ts';
import { py } from './python-literal.ts';

export const PANDAS_READING = String.raw`
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
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            return number_label(float(value))
        return str(value).strip()
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) == "string":
        return strip_texts(series)
    return series.map({value: label(value) for value in series.dropna().unique()})


def as_numbers(series, decimal_comma=False):
    """A column as numbers (cells already trimmed); text that is not a number becomes NaN."""
    if series.dtype == object and decimal_comma:
        series = series.str.replace(",", ".", regex=False)
    return pd.to_numeric(series, errors="coerce").astype("float64")


def target_labels(series):
    """Class labels of the target: numbers written as Layerlab writes them when its classes are numbers, else
    the texts. Decided by the model's classes, not by the rows at hand, so every chunk of a file reads alike."""
    if TARGET_IS_NUMBER:
        return as_labels(as_numbers(series, SOURCE["decimalComma"]))
    return as_labels(series)


def csv_options():
    """How Layerlab read the text file: its delimiter (sniffed when unknown) and encoding, every cell as text."""
    delimiter = SOURCE.get("delimiter")
    return dict(sep=delimiter or None, engine="c" if delimiter else "python", dtype=str, keep_default_na=False,
                encoding=SOURCE.get("encoding") or "utf-8-sig")


def is_excel(path):
    return path.lower().endswith((".xlsx", ".xlsm", ".xls"))


def strip_texts(column):
    """The column's texts trimmed. Each distinct text is trimmed once: a column holds far fewer texts than cells."""
    if pd.api.types.infer_dtype(column, skipna=True) != "string":
        return column.map(lambda v: v.strip() if isinstance(v, str) else v)
    trimmed = {text: text.strip() for text in column.unique() if isinstance(text, str)}
    return column if all(k == v for k, v in trimmed.items()) else column.map(trimmed)


def tidy(frame):
    """Trimmed names and cells, with Layerlab's missing-value markers turned into NaN."""
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(strip_texts).replace(MISSING_MARKERS, np.nan)


def read_table(path):
    """The whole file, every cell as text (Excel: as stored), tidied."""
    if is_excel(path):
        return tidy(pd.read_excel(path, sheet_name=SOURCE.get("sheet") or 0, dtype=object))
    return tidy(pd.read_csv(path, **csv_options()))


def type_columns(frame):
    """Each column the model reads, typed as Layerlab typed it: numbers, dates (UTC) or category labels."""
    for name, kind in INPUT_COLUMNS.items():
        if name not in frame.columns:
            continue
        if kind == "number":
            frame[name] = as_numbers(frame[name], SOURCE["decimalComma"])
        elif kind == "date":
            frame[name] = pd.to_datetime(frame[name], utc=True, errors="coerce")
        else:
            frame[name] = as_labels(frame[name])
    if TARGET in frame.columns:
        frame[TARGET] = as_numbers(frame[TARGET], SOURCE["decimalComma"]) if TASK == "regression" else target_labels(frame[TARGET])
    return frame


def require_columns(columns, path):
    """Stops with a message when the file lacks a column the model reads."""
    absent = [name for name in INPUT_COLUMNS if name not in columns]
    if absent:
        raise SystemExit(f"{path} lacks the columns the model needs: {absent}")


def replace_column(frame, name, new_columns):
    """Puts new_columns (a dict of name → values) where column name was, as Layerlab's steps do."""
    at = list(frame.columns).index(name)
    left, right = frame.iloc[:, :at], frame.iloc[:, at + 1:]
    return pd.concat([left, pd.DataFrame(new_columns, index=frame.index), right], axis=1)
`;

/** The end of `clean()`: the feature matrix and the target as the network learns it. */
export const PANDAS_CLEAN_TAIL = String.raw`
    missing = [name for name in FEATURES if name not in frame.columns]
    if missing:
        raise ValueError(f"the recipe did not produce the features {missing}")
    features = frame[FEATURES].astype("float64")
    usable = np.isfinite(features).all(axis=1)
    y = encode_target(frame[TARGET]) if TARGET in frame.columns else None
    if training and y is not None:
        usable &= y.notna()
    if not usable.all():
        left_out(int((~usable).sum()), "empty or infinite values the recipe does not fill")
    return features[usable].astype("float32"), (y[usable] if y is not None else None)


def encode_target(values):
    """y as the network learns it: 0/1, the class index, or the standardized value."""
    if TASK == "regression":
        return values if TARGET_SCALE is None else (values - TARGET_SCALE["mean"]) / TARGET_SCALE["std"]
    return values.map({label: index for index, label in enumerate(CLASS_LABELS)}).astype("float64")
`;

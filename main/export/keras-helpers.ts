/**
 * The Python helpers every exported Keras script carries: reading the file the way Layerlab read it (trimmed
 * cells, the same missing-value markers, numbers written as category labels exactly as JavaScript writes
 * them) and replacing a column in place, as Layerlab's steps do, so feature order matches.
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

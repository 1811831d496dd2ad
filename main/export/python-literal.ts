/**
 * Plain JSON values as Python source literals, for the generated Keras script. Strings go through
 * JSON.stringify, whose escapes (\", \\, \n, \uXXXX) mean the same in Python; nothing from a file ever becomes
 * Python code other than as a quoted literal.
 */
export type PythonValue = string | number | boolean | null | readonly PythonValue[] | { readonly [key: string]: PythonValue };

export function py(value: PythonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
    return String(value + 0);
  }
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

/** A Python float literal: `1.0` rather than `1`, where the type matters to a reader (learning rates, bounds). */
export function pyFloat(value: number): string {
  const text = py(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** A Python comment line (or lines) safe for any text: each line starts with "# ". */
export function pyComment(text: string, indent = ''): string {
  return text
    .split(/\r\n|[\r\n]/)
    .map((line) => `${indent}# ${line}`.trimEnd())
    .join('\n');
}

/** `py(value)` laid out over lines, one entry per line, wherever the one-line form would pass `width` columns. */
export function pyPretty(value: PythonValue, indent = '', width = 116): string {
  const flat = py(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= width) return flat;
  const inner = `${indent}    `;
  const entries = Array.isArray(value) ? value.map((v) => pyPretty(v, inner, width)) : Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyPretty(v, inner, width)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${entries.map((e) => `${inner}${e},`).join('\n')}\n${indent}${close}`;
}

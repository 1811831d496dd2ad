/**
 * Objects keyed by what users type (column names, class labels, sheet names) as plain JSON records: read only
 * their own keys, and make them with Object.fromEntries, a spread or a computed key (all define own properties).
 * A column named `constructor` or `toString` must not find Object.prototype's function, and one named
 * `__proto__` must not reach the prototype: `record[name]` and `record[name] = value` do both.
 */

/** `record[key]` when `key` is the record's own, else undefined. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}


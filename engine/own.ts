/**
 * Objects keyed by what users type (column names, class labels, sheet names) as plain JSON records: read and
 * write only their own keys. A column named `constructor` or `toString` must not find Object.prototype's
 * function, and one named `__proto__` must not reach the prototype: `record[name]` does both.
 */

/** `record[key]` when `key` is the record's own, else undefined. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A copy of `record` with `key` set, as an own data property whatever the key (`__proto__` included). */
export function withOwn<V>(record: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const copy: Record<string, V> = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `record` without `key`. */
export function withoutOwn<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/**
 * Declarative payload validators for everything that crosses from a renderer (or a browser) into main.
 * Objects are exact (an unknown key is rejected, as is an own `__proto__`), strings and arrays have a maximum
 * size, numbers must be finite: a payload that passes has exactly the declared shape and nothing more.
 * Pure TypeScript with no Node imports, so the renderer can share the inferred types.
 */

/** A payload that does not have the declared shape; `path` says where (`source.path`). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';

  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'payload'}: expected ${expected}`);
  }
}

export interface Validator<T> {
  /** Returns the value typed, or throws a ValidationError naming the offending path. */
  parse(value: unknown, path?: string): T;
  readonly describe: string;
  /**
   * Where a value of this shape may hold a path on main's disk (see `v.filePath`), so that a transport can
   * hold every path to its own rule before anything else happens. Composed validators gather their parts'
   * slots; a custom validator that can hold a path must declare its own.
   */
  readonly pathSlots?: readonly PathSlot[];
}

/** How a path file is used: read by main (an open), or written (a save). */
export type PathUse = 'read' | 'write';

/** One step from a payload's root towards a path: a field, any item of a list, or a variant's tag. */
export type SlotStep = { readonly key: string } | { readonly item: true } | { readonly tag: string; readonly value: string };

export interface PathSlot {
  readonly steps: readonly SlotStep[];
  readonly use: PathUse;
}

export type Infer<V> = V extends Validator<infer T> ? T : never;

type Shape = Record<string, Validator<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalValidator<unknown> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };
type Flat<T> = { [K in keyof T]: T[K] } & {};

interface OptionalValidator<T> extends Validator<T | undefined> {
  readonly optional: true;
}

function validator<T>(describe: string, check: (value: unknown, path: string) => T, pathSlots?: readonly PathSlot[]): Validator<T> {
  return { describe, parse: (value, path = '') => check(value, path), ...(pathSlots?.length ? { pathSlots } : {}) };
}

/** `inner`'s slots, each behind `step`. */
function slotsBehind(step: SlotStep, inner: Validator<unknown>): PathSlot[] {
  return (inner.pathSlots ?? []).map((slot) => ({ ...slot, steps: [step, ...slot.steps] }));
}

function fail(path: string, expected: string): never {
  throw new ValidationError(path, expected);
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const v = {
  string(options: { min?: number; max: number; pattern?: RegExp }): Validator<string> {
    const { min = 0, max, pattern } = options;
    const describe = `a string of ${min} to ${max} characters${pattern ? ` matching ${pattern}` : ''}`;
    return validator(describe, (value, path) =>
      typeof value === 'string' && value.length >= min && value.length <= max && (!pattern || pattern.test(value)) ? value : fail(path, describe),
    );
  },

  /** A path on main's disk, `use`d for reading or writing: the one shape a path may take in a payload. */
  filePath(use: PathUse): Validator<string> {
    const text = v.string({ min: 1, max: 4096 });
    return validator(`a file path (${text.describe})`, (value, path) => text.parse(value, path), [{ steps: [], use }]);
  },

  number(options: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
    const { min = -Infinity, max = Infinity, integer = false } = options;
    const describe = `${integer ? 'an integer' : 'a finite number'}${Number.isFinite(min) ? ` ≥ ${min}` : ''}${Number.isFinite(max) ? ` ≤ ${max}` : ''}`;
    return validator(describe, (value, path) =>
      typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))
        ? value
        : fail(path, describe),
    );
  },

  boolean(): Validator<boolean> {
    return validator('true or false', (value, path) => (typeof value === 'boolean' ? value : fail(path, 'true or false')));
  },

  literal<const L extends string | number | boolean>(literal: L): Validator<L> {
    const describe = JSON.stringify(literal);
    return validator(describe, (value, path) => (value === literal ? literal : fail(path, describe)));
  },

  enum<const E extends readonly [string, ...string[]]>(values: E): Validator<E[number]> {
    const describe = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
    return validator(describe, (value, path) => (values.includes(value as string) ? (value as E[number]) : fail(path, describe)));
  },

  array<T>(item: Validator<T>, options: { max: number }): Validator<T[]> {
    const describe = `a list of at most ${options.max} items`;
    return validator(describe, (value, path) => {
      if (!Array.isArray(value) || value.length > options.max) fail(path, describe);
      return Array.from(value, (x, i) => item.parse(x, join(path, i)));
    }, slotsBehind({ item: true }, item));
  },

  optional<T>(inner: Validator<T>): OptionalValidator<T> {
    return { ...validator(`${inner.describe} or nothing`, (value, path) => (value === undefined ? undefined : inner.parse(value, path)), inner.pathSlots), optional: true };
  },

  /** An exact object: every declared key checked, every undeclared key rejected. */
  object<S extends Shape>(shape: S): Validator<Flat<ObjectOf<S>>> {
    const keys = Object.keys(shape);
    const describe = keys.length ? `an object with ${keys.join(', ')}` : 'an empty object';
    return validator(describe, (value, path) => {
      if (!isPlainObject(value)) fail(path, describe);
      for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) fail(join(path, key), 'no such field');
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const parsed = shape[key]!.parse(value[key], join(path, key));
        if (parsed !== undefined) out[key] = parsed;
      }
      return out as Flat<ObjectOf<S>>;
    }, keys.flatMap((key) => slotsBehind({ key }, shape[key]!)));
  },

  /** One of several object shapes told apart by the string in `key` (`{ kind: 'path', … } | { kind: 'sample', … }`). */
  variant<K extends string, const M extends Record<string, Shape>>(key: K, shapes: M): Validator<{ [T in keyof M]: Flat<{ [P in K]: T } & ObjectOf<M[T]>> }[keyof M]> {
    const tags = Object.keys(shapes);
    const objects = Object.fromEntries(tags.map((tag) => [tag, v.object({ ...shapes[tag], [key]: v.literal(tag) })]));
    const describe = `an object whose ${key} is one of ${tags.map((t) => JSON.stringify(t)).join(', ')}`;
    return validator(describe, (value, path) => {
      const tag = isPlainObject(value) ? value[key] : undefined;
      if (typeof tag !== 'string' || !Object.hasOwn(objects, tag)) fail(join(path, key), describe);
      return objects[tag]!.parse(value, path) as never;
    }, tags.flatMap((tag) => slotsBehind({ tag: key, value: tag }, objects[tag]!)));
  },
};

/**
 * The strings a payload holds in `slots`, read from the payload as it arrived (before validation), so that a
 * transport's rule about paths is applied to whatever was sent. Only own fields are followed.
 */
export function pathsIn(slots: readonly PathSlot[], payload: unknown): { readonly path: string; readonly use: PathUse }[] {
  const found: { path: string; use: PathUse }[] = [];
  const walk = (value: unknown, steps: readonly SlotStep[], use: PathUse): void => {
    const [step, ...rest] = steps;
    if (!step) {
      if (typeof value === 'string') found.push({ path: value, use });
      return;
    }
    if ('item' in step) {
      if (Array.isArray(value)) for (const item of value) walk(item, rest, use);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if ('tag' in step) {
      if (Object.hasOwn(value, step.tag) && (value as Record<string, unknown>)[step.tag] === step.value) walk(value, rest, use);
      return;
    }
    if (Object.hasOwn(value, step.key)) walk((value as Record<string, unknown>)[step.key], rest, use);
  };
  for (const slot of slots) walk(payload, slot.steps, slot.use);
  return found;
}

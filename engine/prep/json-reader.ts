/**
 * Reads recipes and fitted recipes from untrusted JSON with messages that point at the exact field:
 * `Invalid recipe: "steps[2].params.strategy" should be one of mean, median, found "avg".`
 */
import { UserFacingError } from '../errors.ts';

export type JsonDocument = 'recipe' | 'fitted recipe';

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return (JSON.stringify(value) ?? String(value)).slice(0, 60);
}

export function invalidJson(document: JsonDocument, at: string, expected: string, got: unknown): never {
  const code = document === 'recipe' ? 'invalid-recipe' : 'invalid-fitted-recipe';
  throw new UserFacingError(code, `Invalid ${document}: "${at}" should be ${expected}, found ${shown(got)}.`);
}

export class JsonReader {
  private constructor(
    private readonly fields: Readonly<Record<string, unknown>>,
    readonly at: string,
    readonly document: JsonDocument,
  ) {}

  static object(json: unknown, at: string, document: JsonDocument): JsonReader {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) invalidJson(document, at, 'an object', json);
    return new JsonReader(json as Record<string, unknown>, at, document);
  }

  private path(key: string): string {
    return this.at === '' ? key : `${this.at}.${key}`;
  }

  fail(key: string, expected: string): never {
    return invalidJson(this.document, this.path(key), expected, this.fields[key]);
  }

  has(key: string): boolean {
    return this.fields[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.fields[key];
  }

  object(key: string): JsonReader {
    return JsonReader.object(this.fields[key], this.path(key), this.document);
  }

  list(key: string): readonly unknown[] {
    const value = this.fields[key];
    if (!Array.isArray(value)) this.fail(key, 'a list');
    return value;
  }

  string(key: string): string {
    const value = this.fields[key];
    if (typeof value !== 'string' || value === '') this.fail(key, 'a non-empty text');
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  number(key: string, expected = 'a finite number', check: (n: number) => boolean = () => true): number {
    const value = this.fields[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) this.fail(key, expected);
    // -0 → 0: JSON would write it as 0, and a replayed recipe must compute exactly what the first run did.
    return value + 0;
  }

  optionalNumber(key: string, expected?: string, check?: (n: number) => boolean): number | undefined {
    return this.has(key) ? this.number(key, expected, check) : undefined;
  }

  boolean(key: string): boolean {
    const value = this.fields[key];
    if (typeof value !== 'boolean') this.fail(key, 'true or false');
    return value;
  }

  optionalBoolean(key: string): boolean | undefined {
    return this.has(key) ? this.boolean(key) : undefined;
  }

  oneOf<T extends string>(key: string, options: readonly T[]): T {
    const value = this.fields[key];
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) this.fail(key, `one of ${options.join(', ')}`);
    return value as T;
  }

  optionalOneOf<T extends string>(key: string, options: readonly T[]): T | undefined {
    return this.has(key) ? this.oneOf(key, options) : undefined;
  }

  strings(key: string, nonEmpty = true): string[] {
    const value = this.fields[key];
    const ok = Array.isArray(value) && (!nonEmpty || value.length > 0) && value.every((v) => typeof v === 'string');
    if (!ok) this.fail(key, nonEmpty ? 'a non-empty list of texts' : 'a list of texts');
    return [...(value as string[])];
  }

  optionalStrings(key: string): string[] | undefined {
    return this.has(key) ? this.strings(key) : undefined;
  }

  /** A list of cell values: labels or finite numbers. */
  values(key: string): (string | number)[] {
    const value = this.fields[key];
    const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
    if (!ok) this.fail(key, 'a non-empty list of texts or numbers');
    return (value as (string | number)[]).map((v) => (typeof v === 'number' ? v + 0 : v));
  }

  optionalValues(key: string): (string | number)[] | undefined {
    return this.has(key) ? this.values(key) : undefined;
  }

  /** A number or a label (an imputation constant). */
  cellValue(key: string): string | number {
    const value = this.fields[key];
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) this.fail(key, 'a text or a finite number');
    return typeof value === 'number' ? value + 0 : value;
  }
}

/**
 * The part of JSON Schema (2020-12) that Layerlab's file schemas use, checked with messages a person can act
 * on: the first violation found, with the field's path, what was expected in words, and what was found.
 *
 * Keywords: type, const, enum, properties, required, additionalProperties, items, minItems, maxItems, minimum,
 * maximum, exclusiveMinimum, exclusiveMaximum, minLength, pattern, oneOf, $ref (to "#/$defs/..."). A `oneOf`
 * whose alternatives all fix the same property with `const` is read as a tagged union (the tag picks the
 * alternative), so the message names the tag instead of listing why every alternative failed.
 */
export type SchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: SchemaType | readonly SchemaType[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly oneOf?: readonly JsonSchema[];
}

export interface SchemaViolation {
  /** `network.weightSpecs[2].shape`; '' for the root. */
  readonly path: string;
  readonly expected: string;
  /** `undefined` when the field is absent. */
  readonly found: unknown;
  /** How to show what was found when the value itself is not the point ("3 items"). */
  readonly foundText?: string;
}

const TYPE_WORDS: Record<SchemaType, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function typeOf(value: unknown): SchemaType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as SchemaType;
}

function typeMatches(value: unknown, type: SchemaType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer' && Number.isFinite(value));
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace(/^#\/\$defs\//, '');
  const target = root.$defs && Object.hasOwn(root.$defs, name) ? root.$defs[name] : undefined;
  if (!target) throw new Error(`schema: unresolved $ref ${schema.$ref}`);
  return resolve(target, root);
}

/** What a value satisfying `schema` looks like, in words: "a whole number ≥ 1", "one of relu, tanh". */
export function describeSchema(schemaIn: JsonSchema, root: JsonSchema): string {
  const schema = resolve(schemaIn, root);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return `one of ${schema.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
  if (schema.pattern && schema.description) return schema.description;
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  let words = types.map((t) => TYPE_WORDS[t]).join(' or ') || 'a value';
  const bounds: string[] = [];
  if (schema.exclusiveMinimum !== undefined) bounds.push(`> ${schema.exclusiveMinimum}`);
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (schema.exclusiveMaximum !== undefined) bounds.push(`< ${schema.exclusiveMaximum}`);
  if (bounds.length > 0) words += ` ${bounds.join(' and ')}`;
  if (schema.minLength === 1 && types.includes('string')) words = 'a non-empty text';
  if (schema.pattern) words += ` matching ${schema.pattern}`;
  if (schema.minItems !== undefined && schema.minItems === schema.maxItems) words = `a list of ${schema.minItems}`;
  else if (schema.minItems) words = `a list of at least ${schema.minItems}`;
  if (types.includes('array') && schema.items) words += ` (each ${describeSchema(schema.items, root)})`;
  return words;
}

function tagOf(alternatives: readonly JsonSchema[], root: JsonSchema): string | null {
  const first = resolve(alternatives[0]!, root).properties;
  if (!first) return null;
  const key = Object.keys(first).find((k) => alternatives.every((a) => resolve(a, root).properties?.[k]?.const !== undefined));
  return key ?? null;
}

function checkOneOf(schema: JsonSchema, value: unknown, path: string, root: JsonSchema): SchemaViolation | null {
  const alternatives = schema.oneOf!.map((a) => resolve(a, root));
  const tag = tagOf(alternatives, root);
  if (tag !== null && typeOf(value) === 'object') {
    const found = (value as Record<string, unknown>)[tag];
    const chosen = alternatives.find((a) => a.properties![tag]!.const === found);
    if (!chosen) return { path: child(path, tag), expected: `one of ${alternatives.map((a) => a.properties![tag]!.const).join(', ')}`, found };
    return check(chosen, value, path, root);
  }
  const violations = alternatives.map((a) => check(a, value, path, root));
  if (violations.some((v) => v === null)) return null;
  return tag !== null ? { path, expected: 'an object', found: value } : { path, expected: alternatives.map((a) => describeSchema(a, root)).join(', or '), found: value };
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, root: JsonSchema): SchemaViolation | null {
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) return { path: child(path, key), expected: describeSchema(properties[key] ?? {}, root), found: undefined };
  }
  for (const [key, item] of Object.entries(value)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property) {
      const violation = check(property, item, child(path, key), root);
      if (violation) return violation;
    } else if (schema.additionalProperties === false) {
      return { path: child(path, key), expected: `absent (known fields: ${Object.keys(properties).join(', ')})`, found: item };
    } else if (typeof schema.additionalProperties === 'object') {
      const violation = check(schema.additionalProperties, item, child(path, key), root);
      if (violation) return violation;
    }
  }
  return null;
}

function checkArray(schema: JsonSchema, value: readonly unknown[], path: string, root: JsonSchema): SchemaViolation | null {
  if ((schema.minItems !== undefined && value.length < schema.minItems) || (schema.maxItems !== undefined && value.length > schema.maxItems)) {
    return { path, expected: describeSchema(schema, root), found: value, foundText: `${value.length} item${value.length === 1 ? '' : 's'}` };
  }
  if (!schema.items) return null;
  for (let i = 0; i < value.length; i++) {
    const violation = check(schema.items, value[i], child(path, i), root);
    if (violation) return violation;
  }
  return null;
}

function check(schemaIn: JsonSchema, value: unknown, path: string, root: JsonSchema): SchemaViolation | null {
  const schema = resolve(schemaIn, root);
  const fail = (): SchemaViolation => ({ path, expected: describeSchema(schema, root), found: value });
  if (schema.oneOf) return checkOneOf(schema, value, path, root);
  if (schema.const !== undefined && value !== schema.const) return fail();
  if (schema.enum && !schema.enum.includes(value)) return fail();
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => typeMatches(value, t))) return fail();
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail();
    if (schema.minimum !== undefined && value < schema.minimum) return fail();
    if (schema.maximum !== undefined && value > schema.maximum) return fail();
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return fail();
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return fail();
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return fail();
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return fail();
  }
  if (Array.isArray(value)) return checkArray(schema, value, path, root);
  if (typeOf(value) === 'object') return checkObject(schema, value as Record<string, unknown>, path, root);
  return null;
}

/** The first place where `value` breaks `schema`, or null when it conforms. */
export function firstViolation(schema: JsonSchema, value: unknown): SchemaViolation | null {
  return check(schema, value, '', schema);
}

/** How a violation reads: `"network.weightSpecs[2].shape" should be a list (each a whole number ≥ 0), found "4".` */
export function describeViolation(violation: SchemaViolation): string {
  const found = violation.foundText ?? (violation.found === undefined ? 'nothing' : (JSON.stringify(violation.found) ?? String(violation.found)));
  const shown = found.length > 80 ? `${found.slice(0, 77)}...` : found;
  return `"${violation.path || '(the whole file)'}" should be ${violation.expected}, found ${shown}`;
}

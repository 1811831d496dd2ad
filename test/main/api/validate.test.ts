import { describe, expect, it } from 'vitest';
import { ValidationError, v } from '../../../main/api/validate.ts';

function rejection(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

describe('v.object', () => {
  const shape = v.object({ path: v.string({ min: 1, max: 10 }), count: v.optional(v.number({ integer: true })) });

  it('returns exactly the declared fields, leaving out absent optional ones', () => {
    expect(shape.parse({ path: 'a.csv' })).toEqual({ path: 'a.csv' });
    expect(shape.parse({ path: 'a.csv', count: 3 })).toEqual({ path: 'a.csv', count: 3 });
  });

  it('rejects an undeclared field and names it', () => {
    const error = rejection(() => shape.parse({ path: 'a.csv', extra: true }));
    expect(error.path).toBe('extra');
    expect(error.message).toBe('extra: expected no such field');
  });

  it('rejects a missing required field', () => {
    expect(rejection(() => shape.parse({ count: 1 })).path).toBe('path');
  });

  it('rejects an own __proto__ key (prototype pollution through JSON)', () => {
    expect(rejection(() => shape.parse(JSON.parse('{"path":"a","__proto__":{"polluted":1}}'))).path).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects things that are not plain objects', () => {
    for (const value of [null, undefined, 'x', 1, [], new Date(), new Map()]) {
      expect(rejection(() => shape.parse(value)).path).toBe('');
    }
  });

  it('names the nested path of the offending value', () => {
    const nested = v.object({ source: v.object({ rows: v.array(v.number(), { max: 3 }) }) });
    expect(rejection(() => nested.parse({ source: { rows: [1, 'two'] } })).path).toBe('source.rows[1]');
  });
});

describe('scalar validators', () => {
  it('strings: checks type, length bounds and pattern', () => {
    const id = v.string({ min: 1, max: 4, pattern: /^[a-z]+$/ });
    expect(id.parse('abcd')).toBe('abcd');
    for (const bad of ['', 'abcde', 'AB', 12, null]) expect(() => id.parse(bad)).toThrow(ValidationError);
  });

  it('numbers: finite only, bounds inclusive, integers when asked', () => {
    const n = v.number({ min: 0, max: 10, integer: true });
    expect(n.parse(0)).toBe(0);
    expect(n.parse(10)).toBe(10);
    for (const bad of [-1, 11, 1.5, NaN, Infinity, '3', null]) expect(() => n.parse(bad)).toThrow(ValidationError);
  });

  it('booleans, literals and enums accept only their values', () => {
    expect(v.boolean().parse(false)).toBe(false);
    expect(() => v.boolean().parse('true')).toThrow(ValidationError);
    expect(v.literal('path').parse('path')).toBe('path');
    expect(() => v.literal('path').parse('Path')).toThrow(ValidationError);
    expect(v.enum(['a', 'b']).parse('b')).toBe('b');
    expect(() => v.enum(['a', 'b']).parse('c')).toThrow(ValidationError);
  });

  it('arrays: rejects more items than the maximum before looking at any of them', () => {
    const list = v.array(v.number(), { max: 2 });
    expect(list.parse([1, 2])).toEqual([1, 2]);
    expect(rejection(() => list.parse([1, 2, 3])).expected).toBe('a list of at most 2 items');
    expect(() => list.parse({ length: 1, 0: 1 })).toThrow(ValidationError);
  });
});

describe('v.variant', () => {
  const source = v.variant('kind', { path: { path: v.string({ max: 9 }) }, sample: { sampleId: v.string({ max: 9 }) } });

  it('picks the shape by its tag and checks that shape exactly', () => {
    expect(source.parse({ kind: 'sample', sampleId: 'iris' })).toEqual({ kind: 'sample', sampleId: 'iris' });
    expect(rejection(() => source.parse({ kind: 'sample', path: '/etc/passwd' })).path).toBe('path');
  });

  it('rejects an unknown or missing tag, and a tag inherited from the prototype', () => {
    expect(rejection(() => source.parse({ kind: 'url', url: 'x' })).path).toBe('kind');
    expect(rejection(() => source.parse({ path: 'a' })).path).toBe('kind');
    expect(rejection(() => source.parse({ kind: 'toString' })).path).toBe('kind');
  });
});

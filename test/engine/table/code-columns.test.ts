import { describe, expect, it } from 'vitest';
import { MAX_CODE_VALUES, suggestCodeColumns } from '../../../engine/table/code-columns.ts';
import { cat, num, tableOf } from '../prep/fixtures.ts';

describe('suggestCodeColumns: quoted whole numbers with few values are categories', () => {
  const n = 30;
  const at = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

  it('suggests the quoted codes, with the values it saw, and leaves quantities, bare numbers and text alone', () => {
    const table = tableOf(
      num('stage', at((i) => (i % 5 === 0 ? null : i % 3)), 'integer'),
      num('count', at((i) => i % 3), 'integer'),
      num('weight', at((i) => i / 4)),
      num('many', at((i) => i), 'integer'),
      cat('Class', at((i) => `c${i % 2}`)),
    );
    const quoted = new Set(['stage', 'weight', 'many', 'Class']);
    expect(suggestCodeColumns(table, quoted)).toEqual([
      { column: 'stage', type: 'categorical', reason: 'written in quotes ("0", "1", "2") with 3 different values: codes for categories, not amounts' },
    ]);
    expect(n, 'the "many" column has more values than a code').toBeGreaterThan(MAX_CODE_VALUES);
  });
});

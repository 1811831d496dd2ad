/** Values the user says mean "missing", applied to loaded columns of real files. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markMissing } from '../../../engine/table/mark-missing.ts';
import { profileColumn } from '../../../engine/table/profile.ts';
import { findColumn, type Column, type Table } from '../../../engine/table/table.ts';
import { loadTable } from '../../../main/io/load-table.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');

async function column(file: string, name: string): Promise<Column> {
  const table: Table = (await loadTable(resolve(DATASETS, file), {})).table;
  return findColumn(table, name)!;
}

describe('markMissing', () => {
  it('reads the zeros of diabetes.csv as missing, with the counts the dataset documents', async () => {
    // Published zero counts: Glucose 5, BloodPressure 35, SkinThickness 227, Insulin 374, BMI 11.
    for (const [name, zeros] of [['Glucose', 5], ['BloodPressure', 35], ['SkinThickness', 227], ['Insulin', 374], ['BMI', 11]] as const) {
      const original = await column('diabetes.csv', name);
      const marked = markMissing(original, ['0']);
      expect(profileColumn(marked).missing, name).toBe(zeros);
      expect(marked.reason).toBe(`${original.reason}; ${zeros} zeros read as missing, as you asked`);
      expect(profileColumn(original).missing, 'the loaded column is untouched').toBe(0);
    }
  });

  it('reads labels as missing in a category column, leaving the other labels and their rows alone', async () => {
    const embarked = await column('titanic.csv', 'Embarked');
    const marked = markMissing(embarked, [' Q ', 'nowhere']);
    if (marked.storage !== 'category') throw new Error('expected a category column');
    expect(marked.levels).toEqual(['C', 'S']);
    expect(profileColumn(marked)).toMatchObject({ missing: 2 + 77, distinct: 2, top: [{ value: 'S', count: 644 }, { value: 'C', count: 168 }] });
    expect(marked.reason).toMatch(/; 77 cells written as "Q", "nowhere" read as missing, as you asked$/);
  });

  it('compares numbers as numbers (-1 and -1.0 are the same) and changes nothing without markers', async () => {
    const scores = await column('international_football_results.csv', 'home_score');
    if (scores.storage !== 'number') throw new Error('expected a number column');
    const zeros = scores.values.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(10000);
    expect(profileColumn(markMissing(scores, ['0.0'])).missing).toBe(zeros);
    expect(profileColumn(markMissing(scores, ['-0'])).missing).toBe(zeros);
    expect(markMissing(scores, [' ', ''])).toBe(scores);
  });
});

/**
 * The two CSV exports: predictions (original columns, the prediction, one probability per class, the reason a
 * row was not predicted; formula-like cells neutralised) and the cleaned dataset (the network's float32 matrix,
 * written so it reads back bit for bit).
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanedData } from '../../../engine/model/cleaned-data.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import { serializeModel } from '../../../engine/model/model-file.ts';
import { predictTable } from '../../../engine/model/predict.ts';
import { tableFromRecords } from '../../../engine/table/records.ts';
import { cleanedCsvLines, float32Text } from '../../../main/export/cleaned-csv.ts';
import { predictionCsvLines } from '../../../main/export/predictions-csv.ts';
import { trained } from '../../engine/model/trained.ts';

const parse = (lines: Iterable<string>): string[][] => Papa.parse<string[]>([...lines].join(''), { skipEmptyLines: true }).data;

describe('predictions CSV', () => {
  it('keeps every row and column, adds the prediction and one probability per class, and neutralises formulas', async () => {
    const { file } = await trained('titanic');
    const model = loadModel(JSON.parse(serializeModel(file)));
    const passenger = { PassengerId: 1, Survived: null, Pclass: 3, Sex: 'male', Age: 22, SibSp: 1, Parch: 0, Fare: 7.25, Cabin: null, Embarked: 'S' };
    const { table } = tableFromRecords([
      { ...passenger, Name: '=HYPERLINK("http://evil.example","click")', Ticket: '+1 555' },
      { ...passenger, Name: '@SUM(A1:A9)', Ticket: '-2+3' },
      { ...passenger, Name: 'Braund, Mr. Owen Harris', Ticket: 'A/5 21171', Sex: 'unknown' },
    ]);
    const predictions = predictTable(model, table);
    const rows = parse(predictionCsvLines(table, model, predictions));
    const header = rows[0]!;
    expect(header.slice(-5)).toEqual(['predicted_Survived', 'probability_0', 'probability_1', 'prediction_error', 'prediction_warning']);
    const at = (row: string[], column: string): string => row[header.indexOf(column)]!;
    expect(at(rows[1]!, 'Name')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(at(rows[1]!, 'Ticket')).toBe("'+1 555");
    expect(at(rows[2]!, 'Name')).toBe("'@SUM(A1:A9)");
    expect(at(rows[2]!, 'Ticket')).toBe("'-2+3");
    expect(at(rows[3]!, 'Name')).toBe('Braund, Mr. Owen Harris');
    for (const row of rows.slice(1, 3)) {
      expect(Number(at(row, 'probability_0')) + Number(at(row, 'probability_1'))).toBeCloseTo(1, 6);
      expect(['0', '1']).toContain(at(row, 'predicted_Survived'));
      expect(at(row, 'prediction_error')).toBe('');
    }
    expect(at(rows[3]!, 'predicted_Survived')).toBe('');
    expect(at(rows[3]!, 'prediction_error')).toMatch(/"Sex" is "unknown", a value never seen in the training rows/);
  });

  it('gives a probability column per class for a multi-class model, in class order', async () => {
    const { file, table } = await trained('iris');
    const model = loadModel(JSON.parse(serializeModel(file)));
    const rows = parse(predictionCsvLines(table, model, predictTable(model, table)));
    expect(rows[0]).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species', 'predicted_species', 'probability_setosa', 'probability_versicolor', 'probability_virginica', 'prediction_error', 'prediction_warning']);
    expect(rows).toHaveLength(151);
  });
});

describe('cleaned dataset CSV', () => {
  it('writes each float32 in the shortest text that reads back to it', () => {
    expect(float32Text(Math.fround(0.3))).toBe('0.3');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Text(Math.fround(-2.5))).toBe('-2.5');
    expect(float32Text(Math.fround(1e-7))).toBe('1e-7');
    expect(float32Text(16_777_217)).toBe('16777217');
    expect(float32Text(NaN)).toBe('');
  });

  it('is exactly the matrix the network sees, with the feature names and the target as learned', async () => {
    const { file, table } = await trained('titanic');
    const model = loadModel(JSON.parse(serializeModel(file)));
    const data = cleanedData(model, table);
    const rows = parse(cleanedCsvLines(data));
    expect(rows[0]).toEqual([...file.recipe.features, 'Survived']);
    expect(rows).toHaveLength(data.rows + 1);
    const width = data.features.length;
    rows.slice(1).forEach((row, i) => {
      row.slice(0, width).forEach((cell, j) => expect(Math.fround(Number(cell))).toBe(data.x[i * width + j]));
      expect(['0', '1']).toContain(row[width]);
    });
  });
});

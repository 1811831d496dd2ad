/**
 * The Python lines in docs/model-format.md that score a CSV row, run as written (with Debian's python3 and a
 * stand-in for the onnxruntime package that checks dtypes and ranks as onnxruntime does, then runs the graph
 * with onnxruntime-web): they give Layerlab's prediction for the row, empty cells included.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../../engine/model/load-model.ts';
import { predictRecords } from '../../../../engine/model/predict.ts';
import { serializeModel } from '../../../../engine/model/model-file.ts';
import { onnxBytes } from '../../../../main/export/onnx/export-onnx.ts';
import { trained } from '../../../engine/model/trained.ts';
import { ONNX_PYTHON, requireOnnxPython } from './python-onnx.ts';

const STANDIN = join(import.meta.dirname, 'python-standin');

function pythonSnippet(): string {
  const docs = readFileSync(new URL('../../../../docs/model-format.md', import.meta.url), 'utf8');
  const section = docs.slice(docs.indexOf('### Scoring a CSV row'));
  return /```python\n([\s\S]*?)```/.exec(section)![1]!;
}

describe('docs: scoring a CSV row with onnxruntime in Python', () => {
  const rows = [
    ['1', '0', '3', 'Braund, Mr. Owen Harris', 'male', '22', '1', '0', 'A/5 21171', '7.25', '', 'S'],
    ['6', '0', '3', 'Moran, Mr. James', 'male', '', '0', '0', '330877', '8.4583', '', 'Q'],
    ['7', '0', '1', 'McCarthy, Mr. Timothy J', 'male', '54', '0', '0', '17463', '51.8625', 'E46', 'NA'],
  ];
  for (const row of rows) {
    it(`gives Layerlab's prediction for ${row[3]}${row[5] === '' ? ' (no age)' : row[11] === 'NA' ? ' (port NA)' : ''}`, async () => {
      const model = loadModel(JSON.parse(serializeModel((await trained('titanic')).file)));
      const dir = mkdtempSync(join(tmpdir(), 'layerlab-snippet-'));
      writeFileSync(join(dir, 'model.onnx'), onnxBytes(model));
      const header = ['PassengerId', 'Survived', 'Pclass', 'Name', 'Sex', 'Age', 'SibSp', 'Parch', 'Ticket', 'Fare', 'Cabin', 'Embarked'];
      writeFileSync(join(dir, 'new.csv'), `${header.join(',')}\n${row.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')}\n`);
      requireOnnxPython();
      const printed = execFileSync(ONNX_PYTHON, ['-c', pythonSnippet()], { cwd: dir, env: { ...process.env, PYTHONPATH: STANDIN }, encoding: 'utf8' });
      const record = Object.fromEntries(header.map((name, i) => [name, row[i] === 'NA' ? '' : row[i]!]));
      const ours = predictRecords(model, [record]);
      const label = /'label': array\(\['([^']*)'\]/.exec(printed)?.[1];
      const probability = Number(/'probabilities': array\(\[\[\s*[\d.e+-]+,\s*([\d.e+-]+)\]\]/.exec(printed)?.[1]);
      expect(label, printed).toBe(ours.labels![0]);
      expect(Math.abs(probability - ours.probabilities![0]!)).toBeLessThanOrEqual(1e-5);
      expect(printed).toMatch(/'prediction_error': array\(\[''\]/);
    }, 120_000);
  }
});

/**
 * `layerlab export-onnx` end to end: train → model.json → model.onnx, then the graph run by onnxruntime-web on
 * the file's rows gives what `layerlab predict` wrote to its CSV (labels, probabilities within 1e-5 of its six
 * decimals, the same rows refused); and its one-line mistakes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../../main/export/model-io.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { runOnnx } from '../export/onnx/onnx-runner.ts';
import { cli, datasets, scratch } from './cli-fixture.ts';

const { dir: tmp } = scratch('onnx-cli');
const model = join(tmp, 'titanic.json');

beforeAll(async () => {
  const trained = await cli('train', join(datasets, 'titanic.csv'), '--target', 'Survived', '--epochs', '5', '--out', model, '--json');
  expect(trained.code, trained.err).toBe(0);
}, 120_000);

describe('export-onnx', () => {
  it('writes a graph whose predictions on the raw file are those of layerlab predict', async () => {
    // Rows with an unseen Sex or an empty Pclass (which no step fills), beside the real ones.
    const data = join(tmp, 'titanic-edited.csv');
    const lines = readFileSync(join(datasets, 'titanic.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(data, [...lines, lines[1]!.replace(',male,', ',unknown,'), lines[2]!.replace(/^2,1,1,/, '2,1,,')].join('\n'));
    const onnx = join(tmp, 'titanic.onnx');
    const exported = await cli('export-onnx', model, onnx, '--json');
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ onnx, opset: 13, bytes: readFileSync(onnx).length });
    const predictionsCsv = join(tmp, 'predictions.csv');
    expect((await cli('predict', model, data, '--out', predictionsCsv)).code).toBe(0);
    const [header, ...rows] = Papa.parse<string[]>(readFileSync(predictionsCsv, 'utf8'), { skipEmptyLines: true }).data;
    const loaded = await readModelFile(model);
    const { table } = await loadTable(data);
    const graph = await runOnnx(new Uint8Array(readFileSync(onnx)), loaded, table);
    const column = (name: string): number => header!.indexOf(name);
    expect(rows).toHaveLength(table.rowCount);
    let refused = 0;
    rows.forEach((row, r) => {
      const error = row[column('prediction_error')]!;
      expect(graph.error[r] !== '', `row ${r}`).toBe(error !== '');
      if (error !== '') {
        refused++;
        return;
      }
      expect(graph.label[r]).toBe(row[column('predicted_Survived')]);
      expect(Math.abs(graph.probabilities![2 * r + 1]! - Number(row[column('probability_1')]))).toBeLessThanOrEqual(1e-5);
    });
    expect(refused).toBe(2);
  }, 120_000);

  it('writes the opset asked for, and says what it wrote', async () => {
    const onnx = join(tmp, 'titanic17.onnx');
    const { code, out } = await cli('export-onnx', model, onnx, '--opset', '17');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^wrote ${onnx.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d,]+ bytes, opset 17\\): 7 raw columns in, label, probabilities and prediction_error out\\n$`));
  });

  const mistakes: [string, () => string[], RegExp][] = [
    ['an opset out of range', () => ['export-onnx', model, join(tmp, 'a.onnx'), '--opset', '9'], /--opset must be a whole number from 13 to 21, got "9"/],
    ['a file name without .onnx', () => ['export-onnx', model, join(tmp, 'model.bin')], /the file to write should end in \.onnx/],
    ['a missing output argument', () => ['export-onnx', model], /give a model file and the \.onnx file to write/],
  ];
  for (const [what, argv, message] of mistakes) {
    it(`explains ${what} on its first line of stderr and exits 2`, async () => {
      const { code, out, err } = await cli(...argv());
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.split('\n')[0]).toMatch(message);
    });
  }

  it('is listed in the help', async () => {
    expect((await cli('--help')).out).toMatch(/^ {2}export-onnx /m);
  });
});

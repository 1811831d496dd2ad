/**
 * The hostile corpus: small files that once made Layerlab fail silently, crash, or eat memory, written to a
 * folder when the tests run (nothing is committed but this script). Each is what a careless export, a copy from
 * the web, or a malicious sender produces; hostile.test.ts says what must happen to each.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from '../../engine/nn/rng.ts';
import { workbook } from './zip.ts';

/** The generated files, by name: `corpus.train`, `corpus['page.csv']`... */
export type Corpus = Readonly<Record<string, string>>;

const csv = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) => `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;

/** A small learnable table: a 3-level category (one-hot, unseen values become zeros), numbers, a binary target. */
function training(rng: Rng): string {
  const rows = Array.from({ length: 240 }, () => {
    const age = 18 + Math.floor(rng.next() * 60);
    const fare = Math.round(rng.next() * 8000) / 100;
    const klass = ['X', 'Y', 'W'][Math.floor(rng.next() * 3)]!;
    const survived = (klass === 'X' ? 1 : 0) ^ (age > 60 ? 1 : 0);
    return [age, fare, klass, survived];
  });
  return csv(['Age', 'Fare', 'Class', 'Survived'], rows);
}

/** Rows to predict, each hostile in one way; row i of the file is data row i + 1. */
export const PREDICT_ROWS = [
  ['old', '7.25', 'X'], // 1: a word where the model reads a number
  ['38', '"1,000.50"', 'Y'], // 2: thousands separators (read), and outside the training range
  ['26', '7.92', 'Z'], // 3: a category never seen in training (encoded as zeros, flagged)
  ['41', 'Infinity', 'W'], // 4: an infinite value
  ['30', '12.5', 'X'], // 5: nothing wrong
] as const;

function manyLevelsModel(model: Record<string, unknown>, levels: number): string {
  const copy = JSON.parse(JSON.stringify(model)) as { recipe: { steps: { kind: string; state: { method?: string; levels?: string[] } }[] } };
  const encode = copy.recipe.steps.find((s) => s.kind === 'encode' && s.state.method === 'one-hot')!;
  encode.state.levels = Array.from({ length: levels }, (_, i) => `L${i}`);
  return JSON.stringify(copy);
}

/** The files that need no model; `models(dir, model)` adds the hostile model files once one is trained. */
export async function writeCorpus(dir: string): Promise<Corpus> {
  await mkdir(dir, { recursive: true });
  const rng = new Rng(13);
  const files: Record<string, string | Buffer> = {
    'train.csv': training(rng),
    'predict.csv': csv(['Age', 'Fare', 'Class'], PREDICT_ROWS),
    'thousands.csv': csv(['id', 'amount', 'y'], Array.from({ length: 40 }, (_, i) => [`r${i}`, `"${(1000 + i * 977).toLocaleString('en-US')}"`, i % 2 ? 'a' : 'b'])),
    'thousands-semicolon.csv': `x;amount;y\n${Array.from({ length: 40 }, (_, i) => `${i};${(1000 + i * 977).toLocaleString('en-US')};${i % 2 ? 'a' : 'b'}`).join('\n')}\n`,
    'infinity.csv': csv(['x', 'v', 'y'], Array.from({ length: 40 }, (_, i) => [i, ['Infinity', '1e309', '-inf'][i % 10] ?? `${i}.5`, i % 2 ? 'a' : 'b'])),
    'huge-feature.csv': csv(['a', 'b', 'y'], Array.from({ length: 60 }, (_, i) => [`${(i % 2 ? 1 : -1) * (1 + i / 60)}e300`, (i * 7) % 11, i % 2 ? 'p' : 'q'])),
    'huge-target.csv': csv(['a', 'b', 'price'], Array.from({ length: 60 }, (_, i) => [i % 7, (i * 3) % 5, `${1 + i / 60}e300`])),
    'id-target.csv': csv(['row_id', 'a', 'b'], Array.from({ length: 60 }, (_, i) => [i + 1, (i * 7) % 11, ['x', 'y', 'z'][i % 3]!])),
    'case-target.csv': csv(['a', 'b', 'answer'], Array.from({ length: 60 }, (_, i) => [(i * 7) % 11, (i * 5) % 13, ['yes', 'Yes', 'YES', 'no', 'No', 'TRUE'][i % 6]!])),
    'unique-target.csv': csv(['a', 'b', 'name'], Array.from({ length: 30 }, (_, i) => [(i * 7) % 11, (i * 5) % 13, `class ${i}`])),
    'proto-columns.csv': csv(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'y'], Array.from({ length: 40 }, (_, i) => [i % 5, i % 3 ? 'a' : 'b', i % 4 ? 'x' : 'z', (i * 7) % 9, i % 2])),
    'one-long-cell.csv': `a,b\n${'x'.repeat(2_000_000)},1\n`,
    'wide.csv': `${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 20_000 }, (_, i) => i % 97).join(',')}\n`,
    'page.csv': '<!DOCTYPE html>\n<html><head><title>Prices</title></head><body><table><tr><td>a</td></tr></table></body></html>\n',
    'rows.json': '[{"a": 1, "b": 2}, {"a": 3, "b": 4}]\n',
    'quote.csv': csv(['a', 'b', 'c'], Array.from({ length: 103 }, (_, i) => (i === 1 ? [i, '"broken text', i * 2] : [i, `"text ${i}"`, i * 2]))),
    // The same far down a 1.5 MB file: papaparse reads it in several chunks.
    'quote-far.csv': csv(['a', 'b', 'c'], Array.from({ length: 60_000 }, (_, i) => (i === 50_000 ? [i, '"broken text', i * 2] : [i, `"text ${i}"`, i * 2]))),
    'small.xlsx': workbook(['name', 'value', 'first', 'second'], [[0, 1], [2, 3], [3, 2]]),
    'late-strings.xlsx': workbook(['name', 'value', 'first', 'second'], [[0, 1], [2, 3], [3, 2]], true),
    // One shared string of 70 MB packs to about 70 KB: a thousand times its size.
    'bomb.xlsx': workbook(['name', Buffer.alloc(70 * 1024 * 1024, 65)], [[0], [1]]),
  };
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
  return Object.fromEntries(Object.keys(files).map((name) => [name, join(dir, name)]));
}

/** Hostile model files made from a real one: a billion units, two million levels, levels that do not match. */
export async function writeHostileModels(dir: string, modelPath: string): Promise<Corpus> {
  const model = JSON.parse(await readFile(modelPath, 'utf8')) as Record<string, unknown> & { network: { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } } };
  const units = JSON.parse(JSON.stringify(model)) as typeof model;
  units.network.modelTopology.config.layers[0]!.config.units = 1e9;
  const files = {
    'units-1e9.json': JSON.stringify(units),
    'levels-2m.json': manyLevelsModel(model, 2_000_000),
    'levels-50k.json': manyLevelsModel(model, 50_000),
  };
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
  return Object.fromEntries(Object.keys(files).map((name) => [name, join(dir, name)]));
}

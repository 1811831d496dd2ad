/**
 * The hostile corpus through the CLI: every case ends with its exact outcome — the exit code (0, or 2 for a
 * user's file at fault, never 70), and the class of its message (its code's words, in one line) or the result
 * it must give. Cases that once failed silently say what must now be said. Files come from corpus.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../main/cli/cli-fixture.ts';
import { writeCorpus, writeHostileModels, type Corpus } from './corpus.ts';

let dir: string;
let corpus: Corpus;
let models: Corpus;
let model: string;

/** A refusal: exit 2, one line on stderr that starts with the command and matches `message`. */
async function refused(message: RegExp, ...argv: string[]): Promise<string> {
  const { code, err, out } = await cli(...argv);
  expect({ code, out }).toEqual({ code: 2, out: '' });
  expect(err.trimEnd().split('\n'), 'one line').toHaveLength(1);
  expect(err).toMatch(message);
  return err;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-hostile-'));
  corpus = await writeCorpus(dir);
  model = join(dir, 'model.json');
  const trained = await cli('train', corpus['train.csv']!, '--target', 'Survived', '--epochs', '30', '--out', model);
  expect(trained.code, trained.err).toBe(0);
  models = await writeHostileModels(dir, model);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('predicting a hostile file', () => {
  it('keeps every cell as written and gives each row its prediction, its reason, or its caution', async () => {
    const out = join(dir, 'predictions.csv');
    const { code, out: said } = await cli('predict', model, corpus['predict.csv']!, '--out', out);
    expect(code).toBe(0);
    expect(said).toMatch(/^predicted 3 of 5 rows → .* \(2 rows could not be used; see prediction_error; 2 rows have a value unlike any in training; see prediction_warning\)\n$/);
    const [header, ...rows] = Papa.parse<string[]>((await readFile(out, 'utf8')).trim()).data;
    expect(header).toEqual(['Age', 'Fare', 'Class', 'predicted_Survived', 'probability_0', 'probability_1', 'prediction_error', 'prediction_warning']);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([['old', '7.25', 'X'], ['38', '1,000.50', 'Y'], ['26', '7.92', 'Z'], ['41', 'Infinity', 'W'], ['30', '12.5', 'X']]);
    const error = (i: number) => rows[i]![6];
    const warning = (i: number) => rows[i]![7];
    expect(error(0)).toBe('"Age" is "old", which is not a number. Enter a number (such as 42 or 3.5).');
    expect(error(1)).toBe('');
    expect(warning(1)).toMatch(/^"Fare" is 1000\.5, outside its training range \(.*\): the model never saw such a value/);
    expect(warning(2)).toMatch(/^"Class" is "Z", a value never seen in the training rows: encoded as all zeros, as the recipe says for unseen values/);
    expect(rows[2]![3]).toMatch(/^[01]$/);
    expect(error(3)).toBe('"Fare" is "Infinity", an infinite value the model cannot use. Enter a finite number.');
    expect([error(4), warning(4)]).toEqual(['', '']);
  });
});

describe('values the loader used to misread', () => {
  const report = async (file: string) => {
    const { code, out } = await cli('inspect', corpus[file]!, '--json');
    expect(code).toBe(0);
    return JSON.parse(out) as { columns: { name: string; type: string; missing: number; min?: number; max?: number }[]; warnings: string[] };
  };

  it.each(['thousands.csv', 'thousands-semicolon.csv'])('reads thousands separators as numbers and says so (%s)', async (file) => {
    const { columns, warnings } = await report(file);
    expect(columns.find((c) => c.name === 'amount')).toMatchObject({ type: 'integer', min: 1000, max: 39103 });
    expect(warnings).toContainEqual(expect.stringMatching(/^Column "amount": 40 numbers are written with thousands separators \(such as "1,000"\), read as 1000\. If the commas mark decimals instead/));
  });

  it('keeps a column with Infinity, -inf and 1e309 numeric, naming them', async () => {
    const { columns, warnings } = await report('infinity.csv');
    expect(columns.find((c) => c.name === 'v')).toMatchObject({ type: 'numeric', missing: 12 });
    expect(warnings).toContainEqual(expect.stringMatching(/^Column "v": 12 cells hold an infinite value \("Infinity" ×4, "1e309" ×4, "-inf" ×4, first at line 2\); read as missing/));
  });

  it('trains on features near 1e300, and refuses a target that large, saying what to do', async () => {
    expect((await cli('train', corpus['huge-feature.csv']!, '--target', 'y', '--epochs', '2')).code).toBe(0);
    await refused(/^layerlab train: The target "price" reaches 1\.98e\+300: errors on that scale cannot be squared .*Express it in larger units/, 'train', corpus['huge-target.csv']!, '--target', 'price', '--epochs', '2');
  });

  it('refuses a row identifier as the target, and classes that each occur once', async () => {
    await refused(/^layerlab train: The target "row_id" looks like a row identifier \(every value is different, 1 to 60 in sequence like a row number\).*--type/, 'train', corpus['id-target.csv']!, '--target', 'row_id', '--epochs', '2');
    await refused(/^layerlab train: The target "name" (looks like a row identifier|has 30 classes among 30 rows, each occurring once)/, 'train', corpus['unique-target.csv']!, '--target', 'name', '--epochs', '2');
    await refused(/^layerlab train: The target "name" has 30 classes among 30 rows, each occurring once/, 'train', corpus['unique-target.csv']!, '--target', 'name', '--type', 'name=categorical', '--epochs', '2');
  });

  it('trains on classes spelt differently only in capitals, with a warning that names them', async () => {
    const { code, out } = await cli('train', corpus['case-target.csv']!, '--target', 'answer', '--epochs', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/^warning: The target "answer" has classes that differ only in capitals or spaces \("no", "No"; "yes", "Yes", "YES"\)/m);
  });

  it('handles columns named constructor, toString and __proto__ like any other, from inspect to predict', async () => {
    const { columns } = await report('proto-columns.csv');
    expect(columns.map((c) => [c.name, c.type])).toEqual([['constructor', 'integer'], ['toString', 'categorical'], ['__proto__', 'categorical'], ['hasOwnProperty', 'integer'], ['y', 'boolean']]);
    const typed = await cli('inspect', corpus['proto-columns.csv']!, '--type', '__proto__=text,constructor=categorical', '--json');
    expect(JSON.parse(typed.out).columns.map((c: { type: string }) => c.type)).toEqual(['categorical', 'categorical', 'text', 'integer', 'boolean']);
    const protoModel = join(dir, 'proto.json');
    expect((await cli('train', corpus['proto-columns.csv']!, '--target', 'y', '--epochs', '2', '--out', protoModel)).code).toBe(0);
    const predicted = await cli('predict', protoModel, corpus['proto-columns.csv']!);
    expect(predicted.code).toBe(0);
    expect(predicted.out.split(/\r?\n/)[0]).toBe('constructor,toString,__proto__,hasOwnProperty,y,predicted_y,probability_0,probability_1,prediction_error,prediction_warning');
  });
});

describe('hostile model files', () => {
  it('refuses a billion units before allocating anything, saying the cap', async () => {
    await refused(/^layerlab predict: Invalid model file: the network .* cannot be built: This network has [\d,]+ parameters, more than the 10,000,000 Layerlab trains/, 'predict', models['units-1e9.json']!, corpus['predict.csv']!);
  });

  it.each([['levels-2m.json', '2,000,000'], ['levels-50k.json', '50,000']])('refuses %s at once in a short line', async (file, levels) => {
    const started = performance.now();
    const err = await refused(new RegExp(`^layerlab predict: Invalid model file: an encoding in its recipe has ${levels} levels, but "recipe\\.features" lists only \\d+ features`), 'predict', models[file]!, corpus['predict.csv']!);
    expect(err.length).toBeLessThan(400);
    expect(performance.now() - started, 'seconds, not minutes').toBeLessThan(30_000);
  });
});

describe('size', () => {
  it('reads a 2 MB cell, quoting it short in every message', async () => {
    const { code, out } = await cli('inspect', corpus['one-long-cell.csv']!);
    expect(code).toBe(0);
    expect(out.length).toBeLessThan(4000);
    expect(out).toContain('xxxxxxxxxx… (2,000,000 characters)');
  });

  it('reads 20,000 columns of one row, listing 25 warnings and counting the rest', async () => {
    const { code, out } = await cli('inspect', corpus['wide.csv']!, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.columns).toHaveLength(20_000);
    expect(report.warnings).toHaveLength(25);
    expect(report.warnings[24]).toMatch(/^19,976 more notes like these, about other columns, are not listed here/);
  });

  it('refuses a workbook that would unpack a thousand times over, before inflating it; a small one loads', async () => {
    await refused(/^layerlab inspect: bomb\.xlsx would unpack to 70\.0 MB from [\d,.]+ (KB|bytes) \(its part xl\/sharedStrings\.xml, [\d,]+ times its packed size\)\. Layerlab opens workbooks whose parts expand at most 100 times/, 'inspect', corpus['bomb.xlsx']!);
    const small = await cli('inspect', corpus['small.xlsx']!, '--json');
    expect(small.code, small.err).toBe(0);
    expect(JSON.parse(small.out)).toMatchObject({ format: 'xlsx', rows: 2, columns: [{ name: 'name' }, { name: 'value' }] });
  });
});

describe('files that are not what their name says', () => {
  it.each([
    ['page.csv', /^layerlab inspect: page\.csv is not a table: it is an HTML page .*save the table as CSV/],
    ['rows.json', /^layerlab inspect: rows\.json is not a table: it is a JSON document\. .*Convert it to CSV/],
    ['quote-far.csv', /^layerlab inspect: quote-far\.csv: the quote that opens the field on line 50002 \(column "b"/],
    ['late-strings.xlsx', /^layerlab inspect: late-strings\.xlsx could not be read as an Excel workbook \(its shared texts come after its sheet, an order this reader cannot follow; saving it again from Excel or LibreOffice puts them first\)/],
    ['quote.csv', /^layerlab inspect: quote\.csv: the quote that opens the field on line 3 \(column "b", starting "broken text,2\\n2,\\"text 2"\) is not closed where the field ends, so the text across the next 1 line was read into that one cell\. Close \(or remove\) that quote/],
  ])('names %s for what it is', async (file, message) => {
    await refused(message, 'inspect', corpus[file]!);
  });

  it.each([
    ['/proc/self/status', /^layerlab inspect: \/proc\/self\/status is a system file whose size is unknown until it is read .*copy it to a regular file first/],
    ['/dev/zero', /^layerlab inspect: \/dev\/zero is not a regular file: it is a device, a pipe or a socket/],
  ])('names %s a system file, not an empty one', async (path, message) => {
    if (!existsSync(path)) return; // Linux only
    await refused(message, 'inspect', path);
  });
});

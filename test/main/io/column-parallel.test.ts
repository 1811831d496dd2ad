import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, type LoadOptions } from '../../../main/io/load-table.ts';
import { readDelimitedText, type TextReadOptions } from '../../../main/io/read-text.ts';
import { ColumnWorkers, ColumnWorkerUnavailable, defaultColumnWorkerFile, PARALLEL_MIN_BYTES, wantsParallel, type ColumnWorkerData } from '../../../main/io/remote-columns.ts';
import { launchWorker } from '../../../main/workers/worker-launcher.ts';
import { dataset, datasets, tableDifference } from './datasets.ts';

const plainCsvs = readdirSync(datasets).filter((f) => /\.csv$/.test(f));

function options(file: string, parallel: TextReadOptions['parallel']): TextReadOptions {
  const full = path.isAbsolute(file) ? file : dataset(file);
  return { path: full, file: path.basename(file), encoding: 'utf-8', totalBytes: statSync(full).size, table: {}, parallel };
}

/** Both loads give the same table, reasons, warnings and hash; or both fail with the same error. */
async function expectSameLoad(file: string, loadOptions: LoadOptions = {}): Promise<void> {
  const settle = (parallel: LoadOptions['parallel']) => loadTable(file, { ...loadOptions, parallel }).then((value) => ({ value, error: null }), (error: Error) => ({ value: null, error }));
  const [one, two] = [await settle('never'), await settle('always')];
  if (one.error || two.error) {
    expect(two.error?.message).toBe(one.error?.message);
    expect((two.error as { code?: string } | null)?.code).toBe((one.error as { code?: string } | null)?.code);
    return;
  }
  const [a, b] = [one.value!, two.value!];
  expect(tableDifference(b.table, a.table)).toBeNull();
  expect(b.table.columns.map((c) => [c.name, c.type, c.reason])).toEqual(a.table.columns.map((c) => [c.name, c.type, c.reason]));
  expect(b.warnings).toEqual(a.warnings);
  expect(b.source).toEqual(a.source);
}

describe('column-parallel loading', () => {
  it.each([...plainCsvs, 'variants/titanic.tsv', 'variants/housing_semicolon_decimal_comma.csv', 'variants/churn_utf8_bom.csv'])(
    'gives the single-thread table for %s',
    async (file) => expectSameLoad(dataset(file)),
  );

  it('gives the same table with the user’s markers, types and "zero means missing"', async () => {
    await expectSameLoad(dataset('diabetes130_readmission.csv'), {
      missingMarkers: ['None'],
      columnTypes: { num_lab_procedures: 'categorical', patient_nbr: 'id', admission_type_id: 'categorical' },
      zeroMeansMissing: ['number_emergency'],
    });
  });

  it('is chosen for files of 64 MB and more (two cores here), unless told', () => {
    expect(wantsParallel('auto', PARALLEL_MIN_BYTES)).toBe(true);
    expect(wantsParallel('auto', 18 * 2 ** 20)).toBe(false);
    expect(wantsParallel(undefined, PARALLEL_MIN_BYTES)).toBe(true);
    expect(wantsParallel('never', 2 ** 30)).toBe(false);
    expect(wantsParallel('always', 10)).toBe(true);
  });

  it('gives the worker three quarters of the columns, and no worker to a narrow table', async () => {
    const started: ColumnWorkerData[] = [];
    const start = (data: ColumnWorkerData) => (started.push(data), launchWorker(defaultColumnWorkerFile(), { workerData: data }));
    const big = await readDelimitedText({ ...options('diabetes130_readmission.csv', 'always'), startColumnWorker: start });
    expect(big.lane).toBe('bytes');
    expect(big.built.table.rowCount).toBe(101_766);
    expect(started.map((d) => [d.setup.names.length, d.first])).toEqual([[50, 13]]);
    const workers = new ColumnWorkers('auto', 'utf-8', 'narrow.csv', start);
    expect(workers.sinkFor({ names: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], markers: [''], decimalComma: false, positionLabel: 'line' })).toBeNull();
    expect(started).toHaveLength(1);
  });

  describe('on files with irregular rows', () => {
    let dir = '';
    const file = (name: string) => path.join(dir, name);
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'layerlab-parallel-'));
      const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
      const header = 'id,name,score,grade,when,code,flag,note,city,amount';
      const row = (i: number) => `${i},name ${i % 7},${(i * 0.37).toFixed(2)},${'ABCD'[i % 4]},2024-01-${String((i % 28) + 1).padStart(2, '0')},00${i % 9},${i % 2 ? 'yes' : 'no'},n${i},City ${i % 3},${i % 11 === 0 ? '?' : i * 3}`;
      await writeFile(file('blank-and-header.csv'), `${header}\n${rows(3000, row)}\n\n${rows(20, row)}\n${header}\n${rows(2000, (i) => row(i + 5000))}\n\n\n`);
      await writeFile(file('ragged.csv'), `${header}\n${rows(1500, row)}\n1,2,3\n${rows(1500, row)}\n`);
      // Numbers for 5000 distinct rows, then words: the last column goes to numbers and back to text.
      await writeFile(file('switching.csv'), `${header}\n${rows(6000, (i) => (i < 5000 ? row(i) : row(i).replace(/[^,]*$/, `w${i}`)))}\n`);
      // An invalid UTF-8 byte late in a right-hand column: the load restarts as Windows-1252.
      await writeFile(file('latin1-late.csv'), Buffer.concat([Buffer.from(`${header}\n${rows(4000, row)}\n1,a,2,B,2024-01-01,001,yes,caf`), Buffer.from([0xe9]), Buffer.from(',Paris,4\n')]));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('blank lines and a repeated header', async () => expectSameLoad(file('blank-and-header.csv')));
    it('a ragged row: the same error', async () => expectSameLoad(file('ragged.csv')));
    it('a ragged row, skipped', async () => expectSameLoad(file('ragged.csv'), { skipRaggedRows: true }));
    it('a column that becomes numbers and goes back to text', async () => expectSameLoad(file('switching.csv')));
    it('a Windows-1252 byte found by the worker', async () => {
      await expectSameLoad(file('latin1-late.csv'));
      expect((await loadTable(file('latin1-late.csv'), { parallel: 'always' })).source.encoding).toBe('windows-1252');
    });
    it('a type the column cannot take: the same message', async () => expectSameLoad(file('switching.csv'), { columnTypes: { note: 'numeric', flag: 'datetime' } }));
  });

  it('falls back to one thread when the worker cannot start, with the same table', async () => {
    const broken = () => new Worker('throw new Error("cannot load the column worker (simulated)")', { eval: true });
    const parallel = await readDelimitedText({ ...options('Churn_Modelling.csv', 'always'), startColumnWorker: broken });
    const single = await readDelimitedText(options('Churn_Modelling.csv', 'never'));
    expect(tableDifference(parallel.built.table, single.built.table)).toBeNull();
  });

  it('reports a worker that cannot start as unavailable, not as a problem with the file', async () => {
    const workers = new ColumnWorkers('always', 'utf-8', 'x.csv', () => new Worker('throw new Error("boom")', { eval: true }));
    const sink = workers.sinkFor({ names: ['a', 'b', 'c'], markers: [''], decimalComma: false, positionLabel: 'line' })!;
    await expect(sink.finish(new Int32Array(0), 0)).rejects.toBeInstanceOf(ColumnWorkerUnavailable);
    workers.close();
  });
});

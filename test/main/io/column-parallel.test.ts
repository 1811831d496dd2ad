import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, type LoadOptions } from '../../../main/io/load-table.ts';
import { readDelimitedText, type TextReadOptions } from '../../../main/io/read-text.ts';
import { ColumnWorkerPool, defaultColumnWorkerFile } from '../../../main/io/column-worker-pool.ts';
import { ColumnWorkers, ColumnWorkerUnavailable, PARALLEL_COLD_MIN_BYTES, PARALLEL_MIN_BYTES, wantsParallel } from '../../../main/io/remote-columns.ts';
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

  it('is chosen for files of 8 MB and more when a warm worker waits, from 64 MB otherwise, never with every core busy, unless told', async () => {
    const pool = new ColumnWorkerPool();
    try {
      // An idle machine (no core busy), as the last argument says; a loaded one below.
      expect(wantsParallel('auto', PARALLEL_COLD_MIN_BYTES, pool, undefined, 0)).toBe(true);
      expect(wantsParallel(undefined, PARALLEL_MIN_BYTES, pool, undefined, 0)).toBe(false);
      expect(wantsParallel('never', 2 ** 30, pool, undefined, 0)).toBe(false);
      expect(wantsParallel('always', 10, pool, undefined, 0)).toBe(true);
      await readDelimitedText({ ...options('Churn_Modelling.csv', 'always'), columnWorkers: pool });
      expect(wantsParallel('auto', PARALLEL_MIN_BYTES, pool, undefined, 0)).toBe(true);
      expect(wantsParallel('auto', PARALLEL_MIN_BYTES - 1, pool, undefined, 0)).toBe(false);
      // Every core busy: one thread, whatever the file; unless told.
      const busy = availableParallelism();
      expect(wantsParallel('auto', PARALLEL_MIN_BYTES, pool, undefined, busy)).toBe(false);
      expect(wantsParallel('auto', PARALLEL_COLD_MIN_BYTES, pool, undefined, busy)).toBe(false);
      expect(wantsParallel('always', PARALLEL_COLD_MIN_BYTES, pool, undefined, busy)).toBe(true);
    } finally {
      pool.close();
    }
  });

  it('gives the worker most of the columns, keeps it between loads, and none for a narrow table', async () => {
    const started: Worker[] = [];
    const seen: number[] = [];
    const pool = new ColumnWorkerPool(() => {
      const worker = launchWorker(defaultColumnWorkerFile());
      const index = started.push(worker) - 1;
      worker.on('message', (m: { type: string }) => m.type === 'done' && seen.push(index));
      return worker;
    });
    try {
      const big = await readDelimitedText({ ...options('diabetes130_readmission.csv', 'always'), columnWorkers: pool });
      expect(big.built.table.rowCount).toBe(101_766);
      const again = await readDelimitedText({ ...options('diabetes130_readmission.csv', 'always'), columnWorkers: pool });
      expect(tableDifference(again.built.table, big.built.table)).toBeNull();
      expect(started).toHaveLength(1);
      expect(seen).toEqual([0, 0]);
      const narrow = new ColumnWorkers('auto', 'utf-8', 'narrow.csv', pool);
      expect(narrow.sinkFor({ names: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], markers: [''], decimalComma: false, positionLabel: 'line' })).toBeNull();
      const wide = new ColumnWorkers('auto', 'utf-8', 'wide.csv', pool);
      expect(wide.sinkFor({ names: Array.from({ length: 50 }, (_, j) => `c${j}`), markers: [''], decimalComma: false, positionLabel: 'line' })?.first).toBe(8);
      wide.close();
    } finally {
      pool.close();
    }
  });

  it('serves two loads at once: the second gets a worker of its own, and both tables are right', async () => {
    let started = 0;
    const pool = new ColumnWorkerPool(() => (started++, launchWorker(defaultColumnWorkerFile())));
    try {
      const [a, b] = await Promise.all(['Churn_Modelling.csv', 'adult.csv'].map((file) => readDelimitedText({ ...options(file, 'always'), columnWorkers: pool })));
      expect(started).toBe(2);
      expect(tableDifference(a!.built.table, (await readDelimitedText(options('Churn_Modelling.csv', 'never'))).built.table)).toBeNull();
      expect(tableDifference(b!.built.table, (await readDelimitedText(options('adult.csv', 'never'))).built.table)).toBeNull();
    } finally {
      pool.close();
    }
  });

  it('keeps a worker whose load failed or was cancelled, and the next load is right', async () => {
    const pool = new ColumnWorkerPool();
    try {
      const controller = new AbortController();
      const cancelled = readDelimitedText({ ...options('diabetes130_readmission.csv', 'always'), columnWorkers: pool, signal: controller.signal, onProgress: (p) => p.rows > 20_000 && controller.abort() });
      await expect(cancelled).rejects.toThrow();
      const next = await readDelimitedText({ ...options('Churn_Modelling.csv', 'always'), columnWorkers: pool });
      expect(tableDifference(next.built.table, (await readDelimitedText(options('Churn_Modelling.csv', 'never'))).built.table)).toBeNull();
      expect(pool.hasWarmWorker).toBe(true);
    } finally {
      pool.close();
    }
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

  describe('on generated tables of every column kind', () => {
    let dir = '';
    beforeAll(async () => (dir = await mkdtemp(path.join(tmpdir(), 'layerlab-parallel-kinds-'))));
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    /** A column's cell for row i, from a seeded stream: every kind a builder stores differently. */
    const KINDS: ((i: number, r: () => number) => string)[] = [
      (_, r) => String(18 + Math.floor(r() * 60)), // few whole numbers: stays a dictionary, becomes numbers at the end
      (_, r) => (Math.exp(6 + 2 * r()) * 3).toFixed(2), // many distinct: switches to a Float64Array while loading
      (_, r) => (r() < 0.07 ? '' : (40 + 20 * r()).toFixed(1)), // measurements with gaps
      (i, r) => (r() < 0.02 ? 'NA' : i > 9000 && r() < 0.3 ? `w${i}` : String(Math.floor(r() * 9000))), // numbers, then text
      (_, r) => `L${Math.floor(r() ** 1.6 * 25)}`, // skewed categories
      (_, r) => (r() < 0.5 ? 'Yes' : 'No'),
      (i) => `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      (_, r) => `00${Math.floor(r() * 90)}`, // codes with leading zeros stay text
      (_, r) => (r() < 0.01 ? '?' : r() < 0.5 ? '-1.5e3' : String(r())), // full-precision doubles, exponents, a marker
      (i) => String(i * 7), // all distinct whole numbers
    ];

    async function written(name: string, rows: number, width: number, seed: number, lineEnd = '\n', bom = ''): Promise<string> {
      let state = seed;
      const r = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
      const kinds = Array.from({ length: width }, (_, j) => KINDS[(j * 7 + seed) % KINDS.length]!);
      const lines = [Array.from({ length: width }, (_, j) => `c${j}`).join(',')];
      for (let i = 0; i < rows; i++) lines.push(kinds.map((kind) => kind(i, r)).join(','));
      const file = path.join(dir, name);
      await writeFile(file, bom + lines.join(lineEnd) + lineEnd);
      return file;
    }

    it.each([
      ['12,000 rows × 30 columns', 12_000, 30, 1],
      ['20,000 rows × 50 columns, CRLF', 20_000, 50, 2, '\r\n'],
      ['9,000 rows × 12 columns, with a BOM', 9000, 12, 3, '\n', '\ufeff'],
      ['3,000 rows × 200 columns', 3000, 200, 4],
    ] as const)('%s: the single-thread table', async (_, rows, width, seed, lineEnd?: string, bom?: string) => {
      await expectSameLoad(await written(`kinds-${seed}.csv`, rows, width, seed, lineEnd, bom));
    });
  });

  it('falls back to one thread when the worker cannot start, with the same table', async () => {
    const broken = new ColumnWorkerPool(() => new Worker('throw new Error("cannot load the column worker (simulated)")', { eval: true }));
    const parallel = await readDelimitedText({ ...options('Churn_Modelling.csv', 'always'), columnWorkers: broken });
    const single = await readDelimitedText(options('Churn_Modelling.csv', 'never'));
    expect(tableDifference(parallel.built.table, single.built.table)).toBeNull();
    expect(broken.hasWarmWorker).toBe(false);
  });

  it('reports a worker that cannot start as unavailable, not as a problem with the file', async () => {
    const workers = new ColumnWorkers('always', 'utf-8', 'x.csv', new ColumnWorkerPool(() => new Worker('throw new Error("boom")', { eval: true })));
    const sink = workers.sinkFor({ names: ['a', 'b', 'c'], markers: [''], decimalComma: false, positionLabel: 'line' })!;
    await expect(sink.finish(new Int32Array(0))).rejects.toBeInstanceOf(ColumnWorkerUnavailable);
    workers.close();
  });
});

/**
 * Projects: saved and reopened with everything back (dataset reference, recipe, design, settings, every run
 * with its model, the screens' state); a moved, missing or changed data file detected and relocatable; damaged
 * or foreign files refused with a message naming the field; autosave recovers the state of a killed session.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import { predictTable } from '../../../engine/model/predict.ts';
import { Autosave, forgetRecoverable, listRecoverable } from '../../../main/project/autosave.ts';
import { readProject, type ProjectFile } from '../../../main/project/project-file.ts';
import { checkDataset, datasetReference, emptyProject, openProject, relocateDataset, saveProject } from '../../../main/project/project-store.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { DATASETS, trained } from '../../engine/model/trained.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-project-'));
const repo = resolve(import.meta.dirname, '../../..');
const APP = { name: 'Layerlab', version: 'test' };

/** A folder holding a copy of titanic.csv and a project trained on it. */
async function projectFolder(name: string): Promise<{ dir: string; data: string; path: string; project: ProjectFile }> {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const data = join(dir, 'titanic.csv');
  copyFileSync(join(DATASETS, 'titanic.csv'), data);
  const loaded = await loadTable(data);
  const { file, design, settings } = await trained('titanic');
  const project: ProjectFile = {
    ...emptyProject('Titanic survival'),
    dataset: datasetReference(loaded.source, { missingMarkers: ['unknown'] }),
    recipe: file.recipe.recipe,
    design,
    settings,
    runs: [
      { id: 'run-1', label: 'Run 1', startedAt: '2025-01-31T12:00:00.000Z', status: 'completed', model: file, error: null },
      { id: 'run-2', label: 'Run 2 (lr 10)', startedAt: '2025-01-31T12:05:00.000Z', status: 'failed', model: null, error: { code: 'diverged', message: 'The loss became infinite.' } },
    ],
    view: { step: 'evaluate', selectedRun: 'run-1' },
  };
  const path = join(dir, 'titanic.layerlab');
  return { dir, data, path, project: await saveProject(path, project, APP, new Date('2025-02-01T09:00:00.000Z')) };
}

function failure(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('project files', () => {
  it('reopen with everything back, and a run\'s model predicts exactly as before', async () => {
    const { path, project, data } = await projectFolder('roundtrip');
    const opened = await openProject(path);
    expect(opened.dataset).toEqual({ status: 'ok', path: data });
    expect(opened.project).toEqual(project);
    expect(opened.project.saved).toEqual({ at: '2025-02-01T09:00:00.000Z', app: APP });
    expect(opened.project.dataset).toMatchObject({ relativePath: 'titanic.csv', sha256: '4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7', options: { missingMarkers: ['unknown'] } });
    const { table, file } = await trained('titanic');
    const before = predictTable(loadModel(file), table).probabilities!;
    const after = predictTable(loadModel(opened.project.runs[0]!.model), table).probabilities!;
    expect(Buffer.from(after.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });

  it('find the data again when the project\'s folder was moved as a whole', async () => {
    const { dir } = await projectFolder('moving');
    const moved = join(tmp, 'moved-elsewhere');
    renameSync(dir, moved);
    const opened = await openProject(join(moved, 'titanic.layerlab'));
    expect(opened.dataset).toMatchObject({ status: 'moved', path: join(moved, 'titanic.csv') });
    expect(opened.project.dataset!.path).toBe(join(moved, 'titanic.csv'));
  });

  it('ask for the data file when it is gone, and accept the same bytes found elsewhere', async () => {
    const { data, path } = await projectFolder('missing');
    const elsewhere = join(tmp, 'renamed-titanic.csv');
    renameSync(data, elsewhere);
    const opened = await openProject(path);
    expect(opened.dataset).toEqual({ status: 'missing', expectedPath: data, message: `The data file titanic.csv is no longer at ${data}. Locate it to go on; the saved runs and models are kept.` });
    const located = await relocateDataset(opened.project, elsewhere);
    expect(located.check).toEqual({ status: 'ok', path: elsewhere });
    expect(located.project.dataset).toMatchObject({ path: elsewhere, name: 'renamed-titanic.csv' });
  });

  it('detect a data file whose bytes changed, and only switch to other data when the user accepts', async () => {
    const { data, path } = await projectFolder('changed');
    appendFileSync(data, '892,1,1,"Added, Mr. Row",male,30,0,0,X,10,,S\n');
    const opened = await openProject(path);
    expect(opened.dataset).toMatchObject({ status: 'changed', path: data, expectedSha256: opened.project.dataset!.sha256 });
    expect((opened.dataset as { message: string }).message).toMatch(/has changed since this project used it .* the saved runs stay as they are/);
    const refused = await relocateDataset(opened.project, data);
    expect(refused.check.status).toBe('changed');
    expect(refused.project).toBe(opened.project);
    const accepted = await relocateDataset(opened.project, data, { acceptChanged: true });
    expect(accepted.check).toEqual({ status: 'ok', path: data });
    expect(await checkDataset(accepted.project, path)).toEqual({ status: 'ok', path: data });
  });

  const broken: [string, (p: Record<string, any>) => unknown, string, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a model file instead of a project', (p) => p.runs[0].model, 'not-a-project', /This is a Layerlab model file, not a project/],
    ['a newer major version', (p) => ({ ...p, version: '2.1' }), 'project-too-new', /format version 2\.1, saved by a newer Layerlab/],
    ['a run without a status', (p) => (delete p.runs[1].status, p), 'invalid-project', /"runs\[1\]\.status" should be one of completed, stopped, failed, found nothing/],
    ['two runs with one id', (p) => ((p.runs[1].id = 'run-1'), p), 'invalid-project', /"runs\[1\]\.id" should be unique, found "run-1" a second time/],
    ['a damaged model in a run', (p) => ((p.runs[0].model.network.modelTopology.config.layers[0].config.units = 0), p), 'invalid-project', /"runs\[0\]\.model\.network\.modelTopology\.config\.layers\[0\]\.config\.units" should be a whole number ≥ 1, found 0/],
    ['a damaged recipe', (p) => ((p.recipe.split.test = 2), p), 'invalid-project', /"recipe\.split\.test" should be a fraction from 0 to 1, found 2/],
    ['a "__proto__" key in the screens\' state', (p) => JSON.parse(JSON.stringify(p).replace('"view":{', '"view":{"__proto__":{"x":1},')), 'forbidden-key', /"view\.__proto__"/],
  ];
  for (const [what, breakIt, code, message] of broken) {
    it(`refuse ${what}`, async () => {
      const { project } = await projectFolder(`broken-${what.replace(/\W+/g, '-')}`);
      const error = failure(() => readProject(breakIt(JSON.parse(JSON.stringify(project)))));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }
});

describe('autosave and recovery', () => {
  it('offers the last state of a session that was killed, and not of one still running', async () => {
    const dir = join(tmp, 'recovery-killed');
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'test/main/project/autosave-child.ts'), dir, 'Unsaved churn model'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done) => child.stdout.on('data', (d: Buffer) => d.toString().includes('saved') && done()));
    expect(await listRecoverable(dir)).toEqual([]); // still running: not a crash
    child.kill('SIGKILL');
    await new Promise((done) => child.on('exit', done));
    const [entry, ...others] = await listRecoverable(dir);
    expect(others).toEqual([]);
    expect(entry!.project.name).toBe('Unsaved churn model');
    expect(entry!.project.view).toEqual({ step: 'train' });
    expect(entry!.projectPath).toBeNull();
    await forgetRecoverable(entry!);
    expect(await listRecoverable(dir)).toEqual([]);
  }, 60_000);

  it('writes the latest of many quick changes once, and discards it on a clean close', async () => {
    const dir = join(tmp, 'recovery-debounce');
    const autosave = new Autosave({ dir, delayMs: 50 });
    for (let i = 1; i <= 20; i++) autosave.update({ ...emptyProject(`draft ${i}`) }, '/projects/p.layerlab');
    await autosave.flush();
    expect(JSON.parse(readFileSync(autosave.file, 'utf8')).project.name).toBe('draft 20');
    await autosave.discard();
    expect(existsSync(autosave.file)).toBe(false);
  });

  it('skips a damaged recovery file instead of failing to start', async () => {
    const dir = join(tmp, 'recovery-damaged');
    mkdirSync(dir);
    writeFileSync(join(dir, 'session-1-deadbeef.layerlab-recovery'), '{"format":"layerlab-recovery","pid":1,');
    expect(await listRecoverable(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
    expect(await listRecoverable(dir)).toEqual([]);
  });
});

/**
 * ProjectState inside a whole AppState, against the real handlers and services in this process (every call through
 * the same gate and JSON round trip as the web host). A "fresh app" is new services and a new AppState, as after
 * a restart: a project saved before any training comes back with its recipe, design, settings, column types and
 * markers; a missing or changed data file is located; a killed session's state is offered and restored; live
 * training progress is never reported for autosave.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, type LayerlabApi } from '../../../../main/api/contract.ts';
import type { EventListener } from '../../../../main/api/event-hub.ts';
import { createDispatch, trustOrigin } from '../../../../main/api/handle.ts';
import { anyPath } from '../../../main/api/api-test-kit.ts';
import { createHandlers, type Services } from '../../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../../main/services/create-services.ts';
import { messages } from '../../../../renderer/src/lib/messages.ts';
import { unwrap } from '../../../../renderer/src/lib/platform/api-error.ts';
import { desktopPlatform } from '../../../../renderer/src/lib/platform/platform.ts';
import { setImpute } from '../../../../renderer/src/lib/recipe/edits.ts';
import { AppState } from '../../../../renderer/src/lib/state/app.svelte.ts';
import { LiveRun } from '../../../../renderer/src/lib/state/live-run.svelte.ts';
import { REPORT_DELAY_MS } from '../../../../renderer/src/lib/state/session-report.svelte.ts';
import { trained } from '../../../engine/model/trained.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../../shared/datasets');
const ORIGIN = 'app://layerlab';

vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {}, removeItem: () => {} });
vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener: () => {} }));
vi.stubGlobal('document', { activeElement: null });

interface Running {
  readonly app: AppState;
  readonly services: Services;
  /** The api the window uses; desktop dialogs are stood in for by `chooseFile` and `chooseSaveLocation`. */
  readonly api: Record<string, ReturnType<typeof vi.fn>>;
  stop(): void;
}

let dir: string;
const running: Running[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-project-state-'));
});

afterEach(async () => {
  vi.useRealTimers();
  for (const r of running.splice(0)) {
    r.stop();
    r.app.dataset.table?.close();
    // A reloaded window shares its main with the window before it, which closes it.
    if (!(r.services as unknown as { closed?: boolean }).closed) await closeServices(r.services);
  }
  await rm(dir, { recursive: true, force: true });
});

/** An app as after a start: its own services over `settingsDir` (or, for a reloaded window, the same main's), reporting its working state. */
function start(settingsDir: string, reloadOf?: Running): Running {
  const services =
    reloadOf?.services ??
    createServices({
      info: { name: 'Layerlab', version: '0.1.0', transport: 'electron', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
      samplesDir: 'resources/samples',
      settingsDir,
      acceptUploads: false,
    });
  const dispatch = createDispatch(createHandlers(services), trustOrigin(ORIGIN), (error) => console.error(error), anyPath);
  const sender = { authenticated: true, origin: ORIGIN, topFrame: true };
  const api = Object.fromEntries(
    callNames.map((name) => [name, vi.fn(async (request?: unknown) => unwrap(JSON.parse(JSON.stringify(await dispatch(name, JSON.parse(JSON.stringify(request ?? {})), sender)))))]),
  ) as Record<string, ReturnType<typeof vi.fn>>;
  api.chooseFile = vi.fn();
  api.chooseSaveLocation = vi.fn();
  // Main's events reach the window as they would over either transport.
  const platform = desktopPlatform({ ...api, subscribe: (listener: EventListener) => services.events.subscribe(listener) } as unknown as LayerlabApi, { mac: false, pathForFile: () => '' });
  const app = new AppState(platform);
  // As the window starts: main's events, what the first screen shows, autosave reports.
  const stop = app.start();
  const r = { app, services, api, stop };
  if (reloadOf) running.unshift({ ...r, services: { ...services, closed: true } as unknown as Services });
  else running.push(r);
  return r;
}

/** Opens a data file and, asked what to predict, takes the suggestion. */
async function openData(app: AppState, path: string): Promise<void> {
  await app.run({ kind: 'open-path', path });
  await vi.waitFor(() => expect(app.recipe.awaitingTarget).toBe(true), { timeout: 10_000 });
  await app.recipe.confirmTarget(app.recipe.targetSuggestion!.suggested!.column);
  await vi.waitFor(() => expect(app.recipe.recipe).not.toBeNull(), { timeout: 10_000 });
}

function copyOf(name: string): string {
  const path = join(dir, name);
  copyFileSync(join(DATASETS, name), path);
  return path;
}

/** A process id that no longer runs: what a killed session leaves in its recovery file. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/**
 * The kill: this session's recovery file, saved again under a process that is gone (as a killed app leaves it).
 * Returns the recovery folder and the orphan's id.
 */
function orphanRecovery(settings: string): { readonly recovery: string; readonly recoveryId: string } {
  const recovery = join(settings, 'recovery');
  const [file] = readdirSync(recovery);
  const pid = deadPid();
  const document = JSON.parse(readFileSync(join(recovery, file!), 'utf8'));
  const recoveryId = `session-${pid}-0badc0de`;
  writeFileSync(join(recovery, `${recoveryId}.layerlab-recovery`), JSON.stringify({ ...document, pid }));
  return { recovery, recoveryId };
}

describe('a saved project, reopened in a fresh app', () => {
  it('brings back the recipe, network, settings, step, column types and missing markers of a session that trained nothing', async () => {
    const data = copyOf('titanic.csv');
    const one = start(join(dir, 'one'));
    await openData(one.app, data);
    await one.app.recipe.columns.changeType('Pclass', 'integer');
    await one.app.recipe.columns.setMissingMarkers('Fare', ['0']);
    one.app.recipe.apply((r) => setImpute(r, 'Age', 'mean'));
    one.app.training.addLayer();
    one.app.training.setForm({ epochs: 33, batchSize: 64 });
    one.app.step = 'build';
    const path = join(dir, 'draft.layerlab');
    one.api.chooseSaveLocation!.mockResolvedValueOnce({ path });
    await one.app.project.save('Titanic draft');
    expect(one.app.notices.items.at(-1)).toMatchObject({ kind: 'success', title: messages.saved('project', [path]) });

    const two = start(join(dir, 'two'));
    two.api.chooseFile!.mockResolvedValueOnce({ path });
    await two.app.project.open();
    await vi.waitFor(() => expect(two.app.recipe.recipe).toEqual(one.app.recipe.recipe), { timeout: 10_000 });
    expect(two.app.recipe.canUndo, 'the recipe took the suggestion’s place').toBe(false);
    expect(two.app.training.design).toEqual(one.app.training.design);
    expect(two.app.training.form).toMatchObject({ epochs: 33, batchSize: 64 });
    expect(two.app.step).toBe('build');
    expect(two.app.project.name).toBe('Titanic draft');
    expect(two.app.recipe.columns.markers).toEqual({ Fare: ['0'] });
    const columns = (app: AppState) => app.dataset.summary!.columns.filter((c) => c.name === 'Pclass' || c.name === 'Fare').map(({ reason: _, ...c }) => c);
    expect(columns(two.app)).toEqual(columns(one.app));
    expect(columns(two.app)).toEqual([
      { name: 'Pclass', type: 'integer', missing: 0, levels: null },
      { name: 'Fare', type: 'numeric', missing: 15, levels: null },
    ]);
  }, 30_000);

  it('asks for a moved data file, and asks again before taking a located file with other bytes', async () => {
    const data = copyOf('titanic.csv');
    const one = start(join(dir, 'one'));
    await openData(one.app, data);
    const path = join(dir, 'p.layerlab');
    one.api.chooseSaveLocation!.mockResolvedValueOnce({ path });
    await one.app.project.save('P');
    const moved = join(dir, 'elsewhere.csv');
    renameSync(data, moved);
    appendFileSync(moved, '892,1,3,"Someone, Mr. New",male,30,0,0,X1,8.05,,S\n');

    const two = start(join(dir, 'two'));
    await openData(two.app, join(DATASETS, 'iris.csv'));
    two.api.chooseFile!.mockResolvedValueOnce({ path });
    await two.app.project.open();
    expect(two.app.project.data.question).toMatchObject({ status: 'missing', name: 'titanic.csv', title: messages.projectDataMissing('titanic.csv') });
    expect(two.app.dataset.summary?.name, 'the file open before stays').toBe('iris.csv');
    two.app.project.data.dismiss();
    expect(two.app.project.data.question).toBeNull();
    const draft = join(dir, 'draft.layerlab');
    two.api.chooseSaveLocation!.mockResolvedValueOnce({ path: draft });
    await two.app.project.save('P');
    expect(JSON.parse(readFileSync(draft, 'utf8')).dataset.name, 'iris is not the project’s: the project still awaits its own').toBe('titanic.csv');
    two.api.chooseFile!.mockResolvedValueOnce({ path: moved });
    await two.app.project.data.locate();
    expect(two.api.chooseFile).toHaveBeenLastCalledWith({ purpose: 'dataset' });
    expect(two.app.project.data.question).toMatchObject({ status: 'changed', name: 'elsewhere.csv', title: messages.projectDataChanged('elsewhere.csv') });
    expect(two.app.dataset.summary?.name, 'nothing opened before the user agrees').toBe('iris.csv');
    await two.app.project.data.useChanged();
    expect(two.app.project.data.question).toBeNull();
    expect(two.app.dataset.summary).toMatchObject({ name: 'elsewhere.csv', rowCount: 892 });
    await vi.waitFor(() => expect(two.app.recipe.recipe).toEqual(one.app.recipe.recipe), { timeout: 10_000 });
  }, 30_000);
  it('reads a data file found with other bytes, and opens it with the project’s recipe once the user takes it', async () => {
    const data = copyOf('titanic.csv');
    const one = start(join(dir, 'one'));
    await openData(one.app, data);
    one.app.recipe.apply((r) => setImpute(r, 'Age', 'mean'));
    const path = join(dir, 'changed.layerlab');
    one.api.chooseSaveLocation!.mockResolvedValueOnce({ path });
    await one.app.project.save('Changed');
    appendFileSync(data, '892,1,3,"Someone, Mr. New",male,30,0,0,X1,8.05,,S\n');

    const two = start(join(dir, 'two'));
    two.api.chooseFile!.mockResolvedValueOnce({ path });
    await two.app.project.open();
    expect(two.app.project.data.question).toMatchObject({ status: 'changed', name: 'titanic.csv', message: expect.stringMatching(/^Its SHA-256 differs/) });
    expect(two.app.dataset.summary, 'held in main, not opened').toBeNull();
    expect(two.app.project.hasWork, 'a project waiting for its data is work to save').toBe(true);
    await two.app.project.data.useChanged();
    expect(two.app.project.data.state).toEqual({ status: 'idle' });
    expect(two.app.dataset.summary).toMatchObject({ name: 'titanic.csv', rowCount: 892 });
    await vi.waitFor(() => expect(two.app.recipe.recipe).toEqual(one.app.recipe.recipe), { timeout: 10_000 });
  }, 30_000);

  it('offers to locate another copy when the data file is found but cannot be read as the project says', async () => {
    const data = copyOf('titanic.csv');
    const one = start(join(dir, 'one'));
    await openData(one.app, data);
    const path = join(dir, 'typed.layerlab');
    one.api.chooseSaveLocation!.mockResolvedValueOnce({ path });
    await one.app.project.save('Typed');
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...saved, dataset: { ...saved.dataset, options: { columnTypes: { 'No such column': 'text' } } } }));

    const two = start(join(dir, 'two'));
    two.api.chooseFile!.mockResolvedValueOnce({ path });
    await two.app.project.open();
    expect(two.app.project.data.question).toMatchObject({ status: 'missing', title: messages.projectDataUnreadTitle('titanic.csv') });
    expect(two.app.notices.items.find((n) => n.kind === 'error')).toMatchObject({ title: messages.loadFailedTitle('titanic.csv'), detail: expect.stringMatching(/No such column/) });
    await openData(two.app, join(DATASETS, 'iris.csv'));
    expect(two.app.project.data.question, 'another file opened instead: the question is gone').toBeNull();
    expect(two.app.project.working().datasetId).toBe(two.app.dataset.summary!.datasetId);
  }, 30_000);
});

describe('recovery after a crash', () => {
  it('offers the state a killed session autosaved, keeps it when restoring fails, and restores it like a project', async () => {
    const settings = join(dir, 'settings');
    const one = start(settings);
    await openData(one.app, copyOf('titanic.csv'));
    one.app.recipe.apply((r) => setImpute(r, 'Age', 'mean'));
    one.app.training.setForm({ epochs: 12 });
    one.app.project.report.check();
    await vi.waitFor(() => expect(one.api.updateSession).toHaveBeenLastCalledWith(expect.objectContaining({ recipe: one.app.recipe.recipe, settings: expect.objectContaining({ epochs: 12 }) })), { timeout: 5000 });
    await one.services.project.flush();
    const { recovery, recoveryId } = orphanRecovery(settings);

    const two = start(settings);
    await two.app.project.loadRecoveries();
    expect(two.app.project.recoveries).toEqual([expect.objectContaining({ recoveryId, name: 'titanic', datasetName: 'titanic.csv', models: 0, projectPath: null })]);
    two.api.openRecovery!.mockRejectedValueOnce(new Error('The disk was busy.'));
    await two.app.project.restoreRecovery(recoveryId);
    expect(two.app.project.recoveries, 'still offered').toHaveLength(1);
    expect(two.app.notices.items.at(-1)).toMatchObject({ kind: 'error', title: messages.recoveryFailed });

    await two.app.project.restoreRecovery(recoveryId);
    expect(two.app.project.recoveries).toEqual([]);
    await vi.waitFor(() => expect(two.app.recipe.recipe).toEqual(one.app.recipe.recipe), { timeout: 10_000 });
    expect(two.app.training.form.epochs).toBe(12);
    expect(two.app.dataset.summary?.name).toBe('titanic.csv');
    expect(readdirSync(recovery), 'the killed session’s file went once this one held the state').not.toContain(`${recoveryId}.layerlab-recovery`);
  }, 30_000);

  it('does not take back a step the user picks while the restore is still under way (its models being listed)', async () => {
    const settings = join(dir, 'settings');
    const one = start(settings);
    await openData(one.app, copyOf('titanic.csv'));
    one.app.step = 'evaluate';
    one.app.project.report.check();
    await vi.waitFor(() => expect(one.api.updateSession).toHaveBeenLastCalledWith(expect.objectContaining({ step: 'evaluate' })), { timeout: 5000 });
    await one.services.project.flush();
    const { recoveryId } = orphanRecovery(settings);

    const two = start(settings);
    await two.app.project.loadRecoveries();
    // The models' list answers late, as a call that waits behind other work would.
    let answer!: () => void;
    const late = new Promise<void>((resolve) => (answer = resolve));
    const listModels = two.api.listModels!.getMockImplementation() as (request?: unknown) => Promise<unknown>;
    two.api.listModels!.mockImplementationOnce(async (request?: unknown) => {
      await late;
      return listModels(request);
    });
    const restoring = two.app.project.restoreRecovery(recoveryId);
    await vi.waitFor(() => expect(two.app.notices.items.some((n) => n.title === messages.recoveryRestored('titanic'))).toBe(true));
    expect(two.app.step, 'the saved step is shown at once').toBe('evaluate');
    two.app.step = 'clean';
    answer();
    await restoring;
    expect(two.app.step, 'the step the user picked meanwhile').toBe('clean');
  }, 30_000);

  it('discards a recovered state the user declines', async () => {
    const two = start(join(dir, 'settings'));
    two.app.project.recoveries = [{ recoveryId: 'session-1-00000000', name: 'x', savedAt: '2026-11-28T10:00:00.000Z', datasetName: null, models: 0, projectPath: null, live: false }];
    await two.app.project.discardRecovery('session-1-00000000');
    expect(two.api.discardRecovery).toHaveBeenCalledWith({ recoveryId: 'session-1-00000000' });
    expect(two.app.project.recoveries).toEqual([]);
  });
});

describe('autosave reports', () => {
  it('are not made by live training progress, only by the run finishing', async () => {
    const one = start(join(dir, 'settings'));
    await openData(one.app, join(DATASETS, 'titanic.csv'));
    const model = await trained('titanic');
    one.services.models.add({ modelId: 'run-1', label: 'Run 1', datasetId: one.app.dataset.summary!.datasetId, model: model.file, result: model.result, path: null });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Svelte's effects do not run under this test's compilation: `check` is called wherever the reporting effect would run.
    const report = () => {
      one.app.project.report.check();
      vi.advanceTimersByTime(REPORT_DELAY_MS);
    };
    report();
    const before = one.api.updateSession!.mock.calls.length;
    const summary = { runId: 'run-1', label: 'Run 1', datasetId: 'd', dataset: { name: 'titanic.csv', sha256: 'a' }, target: 'Survived', status: 'training', startedAt: 0, design: { hidden: [] }, settings: model.settings, begin: null, epochs: [], outcome: null, modelId: null, error: null } as const;
    one.app.training.runs = [new LiveRun(summary)];
    report();
    for (let epoch = 0; epoch < 60; epoch++) {
      one.app.training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [{ epoch, logs: { loss: 1 / (epoch + 1) } }] as never });
      report();
    }
    expect(one.api.updateSession!.mock.calls.length, 'a run starting and 60 epochs: no report').toBe(before);
    one.app.training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'completed', summary: { ...summary, status: 'completed', modelId: 'run-1' } });
    report();
    expect(one.api.updateSession).toHaveBeenCalledTimes(before + 1);
    expect(one.api.updateSession).toHaveBeenLastCalledWith(expect.objectContaining({ selectedModelId: 'run-1' }));
    expect(before).toBeGreaterThan(0);
  }, 30_000);
});

describe('a reloaded window', () => {
  it('offers the work of a page that was closed, like a crashed session’s, without taking it', async () => {
    const one = start(join(dir, 'settings'));
    await openData(one.app, join(DATASETS, 'titanic.csv'));
    await (one.api.updateSession as unknown as (w: unknown) => Promise<unknown>)(one.app.project.working());
    const two = start(join(dir, 'settings'), one);
    await two.app.project.loadRecoveries(false);
    expect(two.app.project.recoveries).toMatchObject([{ live: true, name: 'titanic', datasetName: 'titanic.csv' }]);
    expect(two.app.dataset.summary, 'nothing taken without asking').toBeNull();
    await two.app.project.restoreRecovery(two.app.project.recoveries[0]!.recoveryId);
    await vi.waitFor(() => expect(two.app.recipe.recipe).toEqual(one.app.recipe.recipe), { timeout: 10_000 });
    expect(two.app.dataset.summary?.datasetId).toBe(one.app.dataset.summary!.datasetId);
  }, 30_000);

  it('takes the work back at once: recipe, network, step and the dataset main still holds (not read again), each model once', async () => {
    const one = start(join(dir, 'settings'));
    await openData(one.app, join(DATASETS, 'titanic.csv'));
    one.app.recipe.apply((r) => setImpute(r, 'Age', 'mean'));
    one.app.training.addLayer();
    one.app.step = 'build';
    const model = await trained('titanic');
    one.services.models.add({ modelId: 'run-1', label: 'Run 1', datasetId: one.app.dataset.summary!.datasetId, model: model.file, result: model.result, path: null });
    // What the reporting effect sends a moment after the last change.
    await (one.api.updateSession as unknown as (w: unknown) => Promise<unknown>)(one.app.project.working());

    const two = start(join(dir, 'settings'), one);
    await two.app.project.loadRecoveries(true);
    await vi.waitFor(() => expect(two.app.recipe.recipe).toEqual(one.app.recipe.recipe), { timeout: 10_000 });
    expect(two.app.dataset.summary?.datasetId, 'the same dataset, as main holds it').toBe(one.app.dataset.summary!.datasetId);
    expect(two.api.openDataset).not.toHaveBeenCalled();
    expect(two.api.locateProjectData).not.toHaveBeenCalled();
    expect(two.app.recipe.awaitingTarget, 'the target was chosen before the reload').toBe(false);
    expect(two.app.training.design).toEqual(one.app.training.design);
    expect(two.app.step).toBe('build');
    expect(two.app.project.recoveries, 'a reload is not offered as a crash').toEqual([]);
    expect(two.app.notices.items.map((n) => n.title)).toContain(messages.sessionResumed('titanic'));
    await two.app.results.refresh();
    expect(two.app.results.models.map((m) => m.modelId)).toEqual(['run-1']);
  }, 30_000);
});

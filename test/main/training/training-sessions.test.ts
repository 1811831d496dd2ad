import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedJob } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Table } from '../../../engine/table/table.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { defaultTrainingWorkerFile, TrainingSessions, type RunUpdate } from '../../../main/training/training-sessions.ts';
import { launchWorker } from '../../../main/workers/worker-launcher.ts';

const datasets = resolve(import.meta.dirname, '../../../../shared/datasets');
let churn: Table;
let iris: Table;

beforeAll(async () => {
  churn = (await loadTable(resolve(datasets, 'Churn_Modelling.csv'))).table;
  iris = (await loadTable(resolve(datasets, 'iris.csv'))).table;
});

function job(table: Table, target: string, epochs: number): PreparedJob {
  return { prepared: prepare(table, suggestRecipe(table, { target })), design: { hidden: denseStack([8]) }, settings: defaultTrainingSettings({ epochs, earlyStopping: false, reduceLrOnPlateau: false }) };
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let sessions: TrainingSessions | null = null;
afterEach(async () => {
  await sessions?.dispose();
  sessions = null;
});

function track(options: { startWorker?: () => Worker } = {}) {
  const updates: (RunUpdate & { at: number })[] = [];
  sessions = new TrainingSessions({ onUpdate: (u) => updates.push({ ...u, at: performance.now() }), ...options });
  return { sessions, updates };
}

describe('TrainingSessions', () => {
  it('trains in a worker and reports every epoch, throttled to at most 30 updates a second', async () => {
    const { sessions, updates } = track();
    const id = sessions.start(job(iris, 'species', 60));
    await until(() => sessions.get(id)?.status === 'completed', 'the run to complete');
    const result = sessions.get(id)!.result!;
    expect(result.history.epochsCompleted).toBe(60);
    expect(updates.flatMap((u) => u.epochs ?? []).map((e) => e.epoch)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(updates.some((u) => u.prepared)).toBe(true);
    expect(updates.at(-1)!.result).toBeDefined();
    const gaps = updates.slice(1, -1).map((u, i) => u.at - updates[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000 / 30 - 2);
    expect(result.test!.report).toHaveProperty('accuracy');
  });

  it('pause really stops progress until resume; then the run finishes', async () => {
    const { sessions } = track();
    const id = sessions.start(job(churn, 'Exited', 200));
    await until(() => (sessions.get(id)?.epochs.length ?? 0) >= 1, 'the first epoch');
    expect(sessions.pause(id)).toBe(true);
    await until(() => sessions.get(id)!.status === 'paused', 'the pause');
    const atPause = sessions.get(id)!.epochs.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(sessions.get(id)!.epochs.length).toBe(atPause);
    expect(sessions.resume(id)).toBe(true);
    await until(() => sessions.get(id)!.epochs.length > atPause, 'progress after resume');
    expect(sessions.stop(id)).toBe(true);
    await until(() => sessions.get(id)!.status === 'stopped', 'the stop');
  });

  it('stop ends the worker thread and keeps the result so far', async () => {
    let worker!: Worker;
    const { sessions } = track({ startWorker: () => (worker = launchWorker(defaultTrainingWorkerFile())) });
    const exited = new Promise<number>((r) => setTimeout(() => worker.once('exit', r), 0));
    const id = sessions.start(job(churn, 'Exited', 500));
    await until(() => (sessions.get(id)?.epochs.length ?? 0) >= 2, 'two epochs');
    sessions.stop(id);
    await exited;
    const run = sessions.get(id)!;
    expect(run.status).toBe('stopped');
    expect(run.result!.history.stopReason).toBe('cancelled');
    expect(run.result!.history.epochsCompleted).toBeLessThan(500);
  });

  it('a crashing worker fails its run with a message, and the next run still trains', async () => {
    let crash = true;
    const { sessions, updates } = track({
      startWorker: () => (crash ? new Worker('throw new Error("out of memory (simulated)")', { eval: true }) : launchWorker(defaultTrainingWorkerFile())),
    });
    const bad = sessions.start(job(iris, 'species', 5));
    await until(() => sessions.get(bad)?.status === 'failed', 'the crash to be reported');
    expect(sessions.get(bad)!.error!.message).toMatch(/training worker crashed: out of memory \(simulated\)/);
    expect(updates.at(-1)!.error).toBeDefined();
    crash = false;
    const good = sessions.start(job(iris, 'species', 5));
    await until(() => sessions.get(good)?.status === 'completed', 'the second run');
  });

  it('a user mistake inside the job fails the run with the user-facing message', async () => {
    const { sessions } = track();
    const bad = job(iris, 'species', 5);
    const id = sessions.start({ ...bad, design: { hidden: [{ type: 'dense', units: 0 }] } });
    await until(() => sessions.get(id)?.status === 'failed', 'the failure');
    expect(sessions.get(id)!.error).toEqual({ code: 'invalid-network', message: expect.stringMatching(/units must be a whole number/) });
  });
});

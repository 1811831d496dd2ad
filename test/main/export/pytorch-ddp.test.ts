/**
 * The PyTorch script run as a user runs it, on churn: `--nproc 2` trains with DistributedDataParallel over gloo,
 * both processes end with identical weights, and the model file it writes opens in Layerlab, scores within one
 * point of Layerlab's own run with the same settings, reports what Layerlab measures, and goes through every
 * export. Two processes started as torchrun or srun start them (their environment variables) train as --nproc 2
 * does. A run stopped by --max-steps and started again ends where an uninterrupted one does; --epochs 0 with
 * the model file's weights writes those weights back unchanged.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClassificationReport } from '../../../engine/metrics/index.ts';
import { predictTable } from '../../../engine/model/predict.ts';
import { denseStack } from '../../../engine/pipeline/training-settings.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { kerasScript } from '../../../main/export/keras-script.ts';
import { readModelFile } from '../../../main/export/model-io.ts';
import { onnxBytes } from '../../../main/export/onnx/export-onnx.ts';
import { torchScript } from '../../../main/export/pytorch/torch-script.ts';
import { exportTfjsFolder } from '../../../main/export/tfjs-folder.ts';
import { heldOutFrom } from '../../../main/results/evaluation.ts';
import { suggestedModel, type TrainedFile } from './recipe-fixtures.ts';
import { NEEDS_TORCH, TORCH_PYTHON, hasTorch } from './torch-python.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-ddp-'));
const script = join(tmp, 'train_torch.py');
let layerlab: TrainedFile;

/** Runs the script in tmp; fails with its output when it does not exit 0. */
function runScript(...args: string[]): string {
  const run = spawnSync(TORCH_PYTHON, [script, layerlab.path, ...args], { cwd: tmp, encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) expect.fail(`python3 train_torch.py ${args.join(' ')} exited ${run.status ?? run.signal}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** A port nobody listens on, for rank 0's rendezvous. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts one process per rank as a launcher would, each with the environment launch(rank) gives; rank 0's output. */
async function launched(launch: (rank: number) => Record<string, string>, ...args: string[]): Promise<string> {
  const runs = [0, 1].map((rank) => new Promise<string>((done, fail) => {
    const child = spawn(TORCH_PYTHON, [script, layerlab.path, ...args], { cwd: tmp, env: { ...process.env, ...launch(rank) }, timeout: 600_000 });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`rank ${rank} exited ${code}:\n${out}`))));
  }));
  return (await Promise.all(runs))[0]!;
}

describe.skipIf(!hasTorch)(`PyTorch script: DistributedDataParallel on churn${NEEDS_TORCH}`, () => {
  beforeAll(async () => {
    // Small enough to train in seconds, with early stopping and learning-rate reduction in play.
    const settings = { epochs: 25, earlyStopping: { patience: 4, restoreBestWeights: true }, reduceLrOnPlateau: { patience: 2, factor: 0.5, minLearningRate: 1e-5 } } as const;
    layerlab = await suggestedModel('Churn_Modelling.csv', 'Exited', { hidden: denseStack([16, 8]) }, settings);
    writeFileSync(script, torchScript(layerlab.file));
  }, 120_000);

  it('--nproc 2 trains on both processes, which end with identical weights; the model file scores within a point of Layerlab and goes through every export', async () => {
    const out = runScript('--nproc', '2', '--workdir', 'ddp', '--out', 'ddp.json');
    expect(out).toContain('training on 2 process(es) (gloo)');
    const digests = /weights sha256 by rank: 0 ([0-9a-f]{64}), 1 ([0-9a-f]{64})/.exec(out);
    expect(digests, out).not.toBeNull();
    expect(digests![1]).toBe(digests![2]);

    const trained = await readModelFile(join(tmp, 'ddp.json'));
    expect(trained.file.version).toBe(layerlab.file.version);
    expect(trained.file.recipe).toEqual(layerlab.file.recipe);
    expect(trained.file.network.modelTopology).toEqual(layerlab.file.network.modelTopology);
    expect(trained.file.network.weightData).not.toBe(layerlab.file.network.weightData);
    expect(trained.file.provenance).toMatchObject({ source: layerlab.file.provenance.source, trainedBy: { summary: 'trained by PyTorch DDP, world size 2', worldSize: 2, backend: 'gloo' } });
    expect(trained.file.training.rows).toEqual(layerlab.file.training.rows);

    // Evaluate: Layerlab finds the test rows again from the recipe's split, as for any model file.
    const ours = heldOutFrom(trained, prepare(layerlab.table, trained.recipe.recipe)).test!.report as ClassificationReport;
    const reference = layerlab.file.metrics.test as ClassificationReport;
    expect(Math.abs(ours.accuracy - reference.accuracy)).toBeLessThanOrEqual(0.01);
    const stored = trained.file.metrics.test as ClassificationReport;
    expect(stored.rows).toBe(ours.rows);
    expect(Math.abs(stored.accuracy - ours.accuracy)).toBeLessThanOrEqual(2 / ours.rows);
    expect(stored.auc!).toBeCloseTo(ours.auc!, 3);
    expect(stored.logLoss).toBeCloseTo(ours.logLoss, 4);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(ours).sort());
    expect(stored.roc[0]!.fpr.length).toBeLessThanOrEqual(500);

    // Predict and every export.
    expect(predictTable(trained, layerlab.table).probabilities).toHaveLength(layerlab.table.rowCount);
    await exportTfjsFolder(trained.file, join(tmp, 'tfjs'));
    expect(onnxBytes(trained).length).toBeGreaterThan(0);
    expect(kerasScript(trained.file)).toContain('keras.Sequential');
    expect(torchScript(trained.file)).toContain('DistributedDataParallel');
  }, 600_000);

  it("two processes started by a launcher (torchrun's or Slurm's variables) train as --nproc 2 does, to the same weights", async () => {
    runScript('--nproc', '2', '--epochs', '1', '--workdir', 'spawned', '--out', 'spawned.json');
    const master = async () => ({ MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(await freePort()) });
    const torchrun = await master();
    const byTorchrun = await launched((rank) => ({ ...torchrun, RANK: String(rank), WORLD_SIZE: '2', LOCAL_RANK: String(rank), LOCAL_WORLD_SIZE: '2' }), '--epochs', '1', '--workdir', 'torchrun', '--out', 'torchrun.json');
    const slurm = await master();
    const bySlurm = await launched((rank) => ({ ...slurm, SLURM_PROCID: String(rank), SLURM_NTASKS: '2', SLURM_LOCALID: String(rank), SLURM_NTASKS_PER_NODE: '2' }), '--epochs', '1', '--workdir', 'slurm', '--out', 'slurm.json');
    for (const out of [byTorchrun, bySlurm]) expect(out).toContain('training on 2 process(es) (gloo)');
    const weights = (name: string): string => JSON.parse(readFileSync(join(tmp, name), 'utf8')).network.weightData;
    expect(weights('torchrun.json')).toBe(weights('spawned.json'));
    expect(weights('slurm.json')).toBe(weights('spawned.json'));
  }, 600_000);

  it('a run paused by --max-steps and started again ends with the weights and history of an uninterrupted run', async () => {
    runScript('--epochs', '2', '--workdir', 'whole', '--out', 'whole.json');
    expect(runScript('--epochs', '2', '--workdir', 'resumed', '--max-steps', '300', '--checkpoint-every', '100', '--out', 'resumed.json')).toContain('paused after 300 steps');
    expect(runScript('--epochs', '2', '--workdir', 'resumed', '--out', 'resumed.json')).toContain('going on from');
    const whole = JSON.parse(readFileSync(join(tmp, 'whole.json'), 'utf8'));
    const resumed = JSON.parse(readFileSync(join(tmp, 'resumed.json'), 'utf8'));
    expect(resumed.network.weightData).toBe(whole.network.weightData);
    expect(resumed.training.history).toEqual(whole.training.history);
  }, 600_000);

  it('--init model --epochs 0 writes the model file\'s own weights back, with its test report', async () => {
    runScript('--init', 'model', '--epochs', '0', '--workdir', 'same', '--out', 'same.json');
    const same = await readModelFile(join(tmp, 'same.json'));
    expect(same.file.network.weightData).toBe(layerlab.file.network.weightData);
    const reference = layerlab.file.metrics.test as ClassificationReport;
    expect((same.file.metrics.test as ClassificationReport).confusionMatrix).toEqual(reference.confusionMatrix);
    expect(same.file.training.epochsCompleted).toBe(0);
  }, 600_000);
});

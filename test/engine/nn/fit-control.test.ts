import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { TrainingControl } from '../../../engine/nn/control.ts';
import { fit } from '../../../engine/nn/fit.ts';
import type { FitHistory } from '../../../engine/nn/fit-types.ts';
import { Sgd } from '../../../engine/nn/optimizers/sgd.ts';
import { indexedRows, ScriptedNetwork } from './doubles/scripted-network.ts';

/** 4 epochs of 5 batches of the scripted network; `during` runs after each batch with (epoch, batch). */
function run(control: TrainingControl | undefined, during: (epoch: number, batch: number) => void, extra = {}) {
  const network = new ScriptedNetwork();
  const log: string[] = [];
  const result = fit(
    network,
    indexedRows(10),
    { epochs: 4, batchSize: 2, validationSplit: 0, optimizer: new Sgd({ learningRate: 1 }), ...(control ? { control } : {}), ...extra },
    {
      onBatchEnd: ({ epoch, batch }) => {
        log.push(`${epoch}.${batch}`);
        during(epoch, batch);
      },
      onPause: ({ epoch, batch }) => log.push(`pause before ${epoch}.${batch}`),
      onResume: ({ epoch, batch }) => log.push(`resume at ${epoch}.${batch}`),
    },
  );
  return { result, log, steps: network.batches.length, weight: network.w.value[0]! };
}

describe('cancel', () => {
  it('ends the run cleanly after the batch in progress, keeping the weights as they are', () => {
    let control!: TrainingControl;
    control = TrainingControl.local(() => undefined);
    const { result, steps, weight } = run(control, (epoch, batch) => {
      if (epoch === 2 && batch === 3) control.cancel();
    });
    expect(result.stopReason).toBe('cancelled');
    expect(result.message).toBe('Cancelled during epoch 2, after 3 of 5 batches.');
    expect(result.epochsCompleted).toBe(1);
    expect(result.history['loss']).toHaveLength(1);
    expect(steps).toBe(8);
    expect(weight).toBe(-8);
    expect(result.restoredEpoch).toBeNull();
    expect(control.status).toBe('finished');
  });

  it('puts back the best weights when early stopping keeps them', () => {
    let control!: TrainingControl;
    control = TrainingControl.local(() => undefined);
    const { result, weight } = run(
      control,
      (epoch, batch) => {
        if (epoch === 3 && batch === 2) control.cancel();
      },
      { earlyStopping: { monitor: 'loss', restoreBestWeights: true, patience: 5 } },
    );
    // Constant training loss: epoch 1 stays the best, so its weights (5 steps: −5) come back.
    expect([result.stopReason, result.restoredEpoch, weight]).toEqual(['cancelled', 1, -5]);
  });
});

describe('pause', () => {
  it('blocks between batches until resumed, then finishes exactly as an uninterrupted run', () => {
    let idle = 0;
    let control!: TrainingControl;
    control = TrainingControl.local(() => {
      expect(control.status).toBe('paused');
      if (++idle === 3) control.resume();
    });
    const paused = run(control, (epoch, batch) => {
      if (epoch === 1 && batch === 2) control.pause();
    });
    const plain = run(undefined, () => undefined);
    expect(idle).toBe(3);
    expect(paused.log.slice(0, 5)).toEqual(['1.1', '1.2', 'pause before 1.3', 'resume at 1.3', '1.3']);
    expect(paused.result.stopReason).toBe('completed');
    expect(paused.weight).toBe(plain.weight);
    expect(paused.result.history).toEqual(plain.result.history);
  });

  it('can be cancelled while paused', () => {
    let control!: TrainingControl;
    control = TrainingControl.local(() => control.cancel());
    const { result, log } = run(control, (epoch, batch) => {
      if (epoch === 1 && batch === 4) control.pause();
    });
    expect(result.stopReason).toBe('cancelled');
    expect(log.at(-1)).toBe('pause before 1.5');
  });

  it('ignores pause and resume once cancelled', () => {
    const control = TrainingControl.local(() => undefined);
    control.cancel();
    control.pause();
    control.resume();
    expect(control.command).toBe('cancel');
  });

  it('leaves time spent paused out of the elapsed time', () => {
    let now = 0;
    let control!: TrainingControl;
    control = TrainingControl.local(() => {
      now += 60_000;
      control.resume();
    });
    const { result } = run(control, (epoch, batch) => epoch === 1 && batch === 1 && control.pause(), { clock: () => (now += 1) });
    expect(result.seconds).toBeLessThan(1);
  });
});

describe('control from another thread', () => {
  // Node 20 cannot start a .ts worker: an eval'd bootstrap registers tsx's loader first (see TOOLCHAIN.md).
  const bootstrap = `import('tsx/esm/api').then(({ register }) => {
    register();
    return import(${JSON.stringify(new URL('./doubles/fit-worker.ts', import.meta.url).href)});
  });`;

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the training worker');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  it('pauses a training worker blocked on Atomics.wait, resumes it, and cancels it', async () => {
    const control = TrainingControl.shared();
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(bootstrap, { eval: true, workerData: { controlBuffer: control.buffer, progressBuffer: progress.buffer } });
    const messages: { type: string; result?: FitHistory }[] = [];
    worker.on('message', (m) => messages.push(m));
    const exited = new Promise((resolve, reject) => {
      worker.on('exit', resolve);
      worker.on('error', reject);
    });
    try {
      await until(() => Atomics.load(progress, 0) >= 3);
      control.pause();
      await until(() => control.status === 'paused' && messages.some((m) => m.type === 'paused'));
      const atPause = Atomics.load(progress, 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(Atomics.load(progress, 0)).toBe(atPause);

      control.resume();
      await until(() => Atomics.load(progress, 0) >= atPause + 20);
      control.cancel();
      await until(() => messages.some((m) => m.type === 'done'));
      const { result } = messages.find((m) => m.type === 'done')!;
      expect(result!.stopReason).toBe('cancelled');
      expect(result!.message).toMatch(/^Cancelled during epoch \d+, after \d+ of 10 batches\.$/);
      expect(control.status).toBe('finished');
      await exited;
    } finally {
      await worker.terminate();
    }
  });
});

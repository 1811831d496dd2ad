/**
 * A training worker thread: runs one PreparedJob (the data already prepared by main) and reports progress to its parent. The fit loop is
 * synchronous; pause blocks it on Atomics.wait (see engine/nn/control.ts), so no event loop is needed here.
 */
import { parentPort } from 'node:worker_threads';
import { isUserFacingError } from '../../engine/errors.ts';
import { TrainingControl } from '../../engine/nn/control.ts';
import { runPreparedJob } from '../../engine/pipeline/train-job.ts';
import { warmUpTraining } from '../../engine/pipeline/warm-up.ts';
import { enableRelaxedSimd } from '../runtime/wasm-features.ts';
import { shareEvaluation } from '../services/engine-pool/shared-memory.ts';
import { gradientHelperStarter } from './gradient-helper.ts';
import type { StartRequest, WorkerMessage } from './protocol.ts';

enableRelaxedSimd();
// Before the job's message is handled: the run's first epoch then pays for no compilation.
warmUpTraining();

const port = parentPort;
if (!port) throw new Error('training-worker.ts runs only as a worker thread');

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.once('message', (request: StartRequest) => {
  const control = TrainingControl.attach(request.control);
  let lastBatchPost = 0;
  try {
    const result = runPreparedJob(
      request.job,
      {
        onPrepared: (info) => post({ type: 'prepared', ...info }),
        onTrainBegin: (event) => post({ type: 'begin', event }),
        onBatchEnd: (event) => {
          const now = performance.now();
          if (now - lastBatchPost < request.batchEventIntervalMs && event.batch !== event.batches) return;
          lastBatchPost = now;
          post({ type: 'batch', event });
        },
        onEpochEnd: (event) => post({ type: 'epoch', event }),
        onPause: (event) => post({ type: 'paused', event }),
        onResume: (event) => post({ type: 'resumed', event }),
      },
      control,
      { startHelper: gradientHelperStarter() },
    );
    // The held-out predictions in shared memory: the engine workers that evaluate them read these very bytes.
    post({ type: 'done', result: { ...result, test: shareEvaluation(result.test), validation: shareEvaluation(result.validation) } });
  } catch (error) {
    const e = error as Error;
    post(isUserFacingError(error) ? { type: 'error', code: error.code, message: error.message } : { type: 'error', code: 'internal', message: `Training failed unexpectedly: ${e.message}` });
  }
  port.close();
});

/**
 * The Train step's K-fold cross-validation on its own worker thread: one job (the table, recipe, design,
 * settings and K), cancellable through its control, answered with every metric's mean ± spread.
 */
import { parentPort } from 'node:worker_threads';
import { isUserFacingError } from '../../engine/errors.ts';
import { TrainingControl } from '../../engine/nn/control.ts';
import { crossValidate } from '../../engine/pipeline/cross-validate.ts';
import { enableRelaxedSimd } from '../runtime/wasm-features.ts';
import type { CrossValidationJob, CrossValidationReply } from './cross-validations.ts';

enableRelaxedSimd();

const port = parentPort;
if (!port) throw new Error('cross-validation-worker.ts runs only as a worker thread');

port.once('message', (job: CrossValidationJob) => {
  let reply: CrossValidationReply;
  try {
    reply = { type: 'done', result: crossValidate(job.table, job.recipe, job.design, job.settings, job.folds, TrainingControl.attach(job.control)) };
  } catch (error) {
    reply = isUserFacingError(error) ? { type: 'error', code: error.code, message: error.message } : { type: 'error', code: 'internal', message: `The cross-validation failed unexpectedly: ${(error as Error).message}. Try again.` };
  }
  port.postMessage(reply);
});

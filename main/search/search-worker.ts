/**
 * A search worker thread: prepares the data once, then runs the jobs it is sent one at a time (trials, the
 * baselines, the final test evaluation). A trial's training can be paused or cancelled through its control.
 */
import { parentPort } from 'node:worker_threads';
import { isUserFacingError } from '../../engine/errors.ts';
import { TrainingControl } from '../../engine/nn/control.ts';
import { baselinesJob, runTrialJob, testJob } from '../../engine/search/search-jobs.ts';
import { prepareSearch, type PreparedSearch } from '../../engine/search/search-data.ts';
import type { SearchJob, SearchJobResult } from './protocol.ts';
import { enableRelaxedSimd } from '../runtime/wasm-features.ts';
import { preparedInfo } from './prepared-info.ts';

// Trials train on the same kernel build as the Train step's runs, whatever ran before in this process.
enableRelaxedSimd();

const port = parentPort;
if (!port) throw new Error('search-worker.ts runs only as a worker thread');

let prepared: PreparedSearch | null = null;

function handle(job: SearchJob): [SearchJobResult, ArrayBuffer[]] {
  if (job.type === 'prepare') {
    prepared = prepareSearch(job.table, job.recipe, job.folds);
    return [{ type: 'prepared', info: preparedInfo(prepared) }, []];
  }
  if (!prepared) throw new Error('a search worker got a job before preparing');
  switch (job.type) {
    case 'trial': {
      const outcome = runTrialJob(prepared, job.request, TrainingControl.attach(job.control));
      return [{ type: 'trial', outcome }, [outcome.outOfFold.buffer as ArrayBuffer]];
    }
    case 'baselines':
      return [{ type: 'baselines', baselines: baselinesJob(prepared, job.seed, TrainingControl.attach(job.control)) }, []];
    case 'test':
      return [{ type: 'test', evaluation: testJob(prepared, job.encoding, job.networks) }, []];
  }
}

port.on('message', (job: SearchJob) => {
  try {
    const [result, transfer] = handle(job);
    port.postMessage(result, transfer);
  } catch (error) {
    const message: SearchJobResult = isUserFacingError(error) ? { type: 'error', code: error.code, message: error.message } : { type: 'error', code: 'internal', message: `The search failed unexpectedly: ${(error as Error).message}` };
    port.postMessage(message);
  }
});

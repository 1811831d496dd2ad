/** The helper thread of data-parallel training: answers gradient requests (engine/nn/data-parallel.ts). */
import { workerData } from 'node:worker_threads';
import { serveGradients, type HelperSetup } from '../../engine/nn/data-parallel.ts';
import { warmUpTraining } from '../../engine/pipeline/warm-up.ts';
import { enableRelaxedSimd } from '../runtime/wasm-features.ts';

enableRelaxedSimd();
// Warm before reporting ready: the trainer times the helper from its first batch.
warmUpTraining();
serveGradients(workerData as HelperSetup);

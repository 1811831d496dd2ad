/** The helper thread of data-parallel training: answers gradient requests (engine/nn/data-parallel.ts). */
import { workerData } from 'node:worker_threads';
import { serveGradients, type HelperSetup } from '../../engine/nn/data-parallel.ts';
import { enableRelaxedSimd } from '../runtime/wasm-features.ts';

enableRelaxedSimd();
serveGradients(workerData as HelperSetup);

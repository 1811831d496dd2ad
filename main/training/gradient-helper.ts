/**
 * The helper thread of data-parallel training (engine/nn/data-parallel.ts), started with worker_threads. It
 * blocks in Atomics.wait between batches and ends when its network is closed. The engine decides which batches
 * are split and times whether the helper pays; this file only starts the thread, and says whether this machine
 * has a core to spare.
 */
import { availableParallelism } from 'node:os';
import { DataParallelNetwork, splitMinRows, type DataParallelOptions, type HelperSetup, type StartHelper } from '../../engine/nn/data-parallel.ts';
import type { Network } from '../../engine/nn/network.ts';
import { bundledOrSource, launchWorker } from '../workers/worker-launcher.ts';

/** The helper: its bundle beside the training worker in a desktop build, the .ts source otherwise. */
function helperFile(): URL {
  return bundledOrSource(new URL('./gradient-helper-worker.cjs', import.meta.url), new URL('./gradient-helper-worker.ts', import.meta.url));
}

/** Starts the helper thread, or null where there is no second core to give it. */
export function gradientHelperStarter(cores = availableParallelism()): StartHelper | null {
  if (cores < 2) return null;
  return (setup: HelperSetup) => {
    const worker = launchWorker(helperFile(), { workerData: setup });
    // A helper that fails to start says so in the shared state words, and training goes on without it.
    worker.on('error', () => {});
    worker.unref();
    return () => void worker.terminate();
  };
}

/** A network whose large batches are split, with a helper thread (benchmarks and tests). */
export function withGradientHelper(network: Network, options: Omit<DataParallelOptions, 'minRows' | 'startHelper'> & { minRows?: number; startHelper?: StartHelper | null }): DataParallelNetwork {
  return new DataParallelNetwork(network, { ...options, minRows: options.minRows ?? splitMinRows(network), startHelper: options.startHelper === undefined ? gradientHelperStarter() : options.startHelper });
}

/**
 * Trains on both cores: wraps a Network in the engine's DataParallelNetwork with a worker_threads helper.
 * The helper blocks in Atomics.wait between batches and ends when `close()` is called.
 */
import { existsSync } from 'node:fs';
import { DataParallelNetwork, type DataParallelOptions, type HelperSetup } from '../../engine/nn/data-parallel.ts';
import type { Network } from '../../engine/nn/network.ts';
import { launchWorker } from '../workers/worker-launcher.ts';

/**
 * Batches below this many rows stay on one thread: measured with bench/parallel-bench.ts on this 2-core
 * machine (docs/performance.md), the exchange costs more than half a batch of small-network arithmetic.
 */
export const PARALLEL_MIN_FLOPS_PER_BATCH = 4e6;

function helperFile(): URL {
  const bundled = new URL('./gradient-helper-worker.cjs', import.meta.url);
  return existsSync(bundled) ? bundled : new URL('./gradient-helper-worker.ts', import.meta.url);
}

/** Rows from which a batch of this network is split: where its arithmetic passes PARALLEL_MIN_FLOPS_PER_BATCH. */
export function parallelMinRows(network: Network): number {
  const flopsPerRow = 6 * network.trainable().reduce((sum, p) => sum + p.value.length, 0);
  return Math.max(2, Math.ceil(PARALLEL_MIN_FLOPS_PER_BATCH / flopsPerRow));
}

export function withGradientHelper(network: Network, options: Omit<DataParallelOptions, 'minRows'> & { minRows?: number }): DataParallelNetwork {
  const start = (setup: HelperSetup): (() => void) => {
    const worker = launchWorker(helperFile(), { workerData: setup });
    worker.unref();
    return () => void worker.terminate();
  };
  return new DataParallelNetwork(network, start, { ...options, minRows: options.minRows ?? parallelMinRows(network) });
}

import { readFile, readdir } from 'node:fs/promises';
import { once } from 'node:events';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { launchWorker } from '../../../main/workers/worker-launcher.ts';
import { BACKGROUND_NICE_STEPS, yieldToMainThread } from '../../../main/workers/yield-to-main.ts';
import { EnginePool } from '../../../main/services/engine-pool/engine-pool.ts';

const onLinux = process.platform === 'linux';

/** The nice value of each of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
async function threadNices(): Promise<number[]> {
  const tids = await readdir('/proc/self/task');
  const stats = await Promise.all(tids.map((tid) => readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => '')));
  return stats.filter(Boolean).map((stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
}

describe('engine threads yield the CPU to main', () => {
  it.runIf(onLinux)('lowers only the calling worker thread, a few steps below main', async () => {
    const before = getPriority();
    const worker = launchWorker(new URL('./fixtures/yielding-worker.ts', import.meta.url));
    const [answer] = (await once(worker, 'message')) as [{ returned: number | null; nice: number }];
    await worker.terminate();
    const expected = Math.min(19, before + BACKGROUND_NICE_STEPS);
    expect(answer).toEqual({ returned: expected, nice: expected });
    expect(getPriority(), "main's own priority").toBe(before);
  });

  it('changes nothing where a thread has no priority of its own (macOS, Windows: it would lower the whole app)', () => {
    const before = getPriority();
    expect(yieldToMainThread('darwin')).toBeNull();
    expect(yieldToMainThread('win32')).toBeNull();
    expect(getPriority()).toBe(before);
  });

  it.runIf(onLinux)("the engine pool's workers run below main", async () => {
    const base = getPriority();
    const lowered = async () => (await threadNices()).filter((nice) => nice === Math.min(19, base + BACKGROUND_NICE_STEPS)).length;
    const alreadyLowered = await lowered();
    const pool = new EnginePool({ size: 2 });
    try {
      pool.start({ warmUpAfterMs: 60_000 });
      // A worker lowers itself once its module has loaded (tsx compiles it first: seconds under load).
      await expect.poll(lowered, { timeout: 45_000, interval: 100 }).toBe(alreadyLowered + pool.size);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

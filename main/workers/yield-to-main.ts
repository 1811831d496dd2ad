/**
 * Engine work yields the CPU to main's thread. On two cores the engine pool and the loader's column workers can
 * keep both cores busy for seconds (a million-row load or preview), while main must answer every request, IPC call
 * and menu at once: a request waited 335 ms behind them in CI. A worker that calls this at start runs a few nice
 * steps below main, so the scheduler gives main a core first; with nothing else to run, the worker loses nothing.
 *
 * Only on Linux, where a thread's nice value is its own (setpriority with pid 0 sets the calling thread). On macOS
 * and Windows the same call sets the whole process, main included, so it is not made there.
 */
import { getPriority, setPriority } from 'node:os';

/**
 * How many nice steps below its process an engine thread runs: half of main's CPU weight, so a waking main wins a
 * core at once. Not more: beside another program's busy threads the engine's own share shrinks with each step
 * (a load under three busy loops took 5 times as long at 5 steps).
 */
export const BACKGROUND_NICE_STEPS = 3;
/** The lowest priority Linux has. */
const NICEST = 19;

/** Lowers the calling thread's priority below main's (Linux); never throws. Returns the thread's nice value, or null when unchanged. */
export function yieldToMainThread(platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux') return null;
  try {
    const nice = Math.min(NICEST, getPriority() + BACKGROUND_NICE_STEPS);
    setPriority(nice);
    return nice;
  } catch {
    // A sandbox may refuse even lowering one's own priority: the worker then runs as before.
    return null;
  }
}

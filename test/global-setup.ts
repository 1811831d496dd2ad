/**
 * Every test run gets its own temporary folder, removed when the run ends: tests, the web hosts and CLIs they start,
 * Python and Chromium all write under `os.tmpdir()`, which follows TMPDIR. A test's own cleanup may be skipped by a
 * failure or a timeout; this one is not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Short: Chromium puts a Unix socket in it, and a socket's path may not pass 107 bytes. */
const PREFIX = 'layerlab-run-';

export default function setup(): () => void {
  // Each test project runs the global setup; the first one's folder serves them all.
  if (basename(tmpdir()).startsWith(PREFIX)) return () => {};
  const previous = process.env.TMPDIR;
  const runDir = mkdtempSync(join(tmpdir(), PREFIX));
  process.env.TMPDIR = runDir;
  return () => {
    rmSync(runDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}

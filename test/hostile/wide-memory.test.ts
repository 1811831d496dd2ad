/**
 * Peak memory of `layerlab inspect` on a wide file (100,000 columns, one row, 1 MB) in a process of its own: bytes
 * per column, not kilobytes. Loose on purpose (a shared machine's allocator varies); it used to be ~16 KB per
 * column, about 1.7 GB here. The 200,000-column figure is in the report of issue 13 (~640 MB, was 3.2 GB).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const COLUMNS = 100_000;

describe('a 100,000-column file', () => {
  it('is inspected in under 700 MB of peak memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-wide-'));
    try {
      const file = join(dir, 'wide.csv');
      writeFileSync(file, `${Array.from({ length: COLUMNS }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: COLUMNS }, (_, i) => i % 97).join(',')}\n`);
      const script = `
        const { runCli } = await import(${JSON.stringify(join(ROOT, 'main/cli/run-cli.ts'))});
        const code = await runCli(['inspect', ${JSON.stringify(file)}, '--json'], { stdout: { write: () => {} }, stderr: { write: (t) => process.stderr.write(t) } });
        process.stdout.write(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }));`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
      const { code, maxRssKb } = JSON.parse(out) as { code: number; maxRssKb: number };
      expect(code).toBe(0);
      expect(maxRssKb / 1024, 'peak MB').toBeLessThan(700);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

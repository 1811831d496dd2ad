/**
 * Atomic writes: a writer killed midway (SIGKILL, no chance to clean up) leaves the previous complete file, or
 * no file — never a partial one; its leftover temporary file is removed by the next write.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../main/project/atomic-write.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-atomic-'));
const repo = resolve(import.meta.dirname, '../../..');
const TOTAL = 64 << 20;

/** Starts the child writer and SIGKILLs it once it has written `afterChunks` chunks; resolves when it is dead. */
function killMidway(target: string, afterChunks: number): Promise<{ chunksWritten: number; signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'test/main/project/atomic-writer-child.ts'), target, String(TOTAL)], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let chunksWritten = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.on('data', (data: Buffer) => {
      for (const line of data.toString().split('\n')) {
        if (line === 'done') fail(new Error('the writer finished before it was killed'));
        if (line.startsWith('chunk ')) chunksWritten = Number(line.slice(6));
      }
      if (chunksWritten >= afterChunks) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done({ chunksWritten, signal }) : fail(new Error(`writer exited with ${code}: ${stderr}`))));
  });
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.layerlab-tmp'));

describe('writeFileAtomic', () => {
  it('leaves the old complete file when the writer is killed midway through a 64 MB replacement', async () => {
    const dir = mkdtempSync(join(tmp, 'old-'));
    const target = join(dir, 'model.json');
    const old = '{"format":"layerlab-model","old":true}\n';
    writeFileSync(target, old);
    const { chunksWritten } = await killMidway(target, 8);
    expect(chunksWritten).toBeGreaterThanOrEqual(8);
    expect(chunksWritten).toBeLessThan(64);
    expect(readFileSync(target, 'utf8')).toBe(old);
    // The kill really came midway: the temporary file holds part of the new data.
    const [partial] = leftovers(dir);
    expect(statSync(join(dir, partial!)).size).toBeGreaterThan(0);
    expect(statSync(join(dir, partial!)).size).toBeLessThan(TOTAL);
  }, 60_000);

  it('leaves no file at all when there was none and the writer is killed midway', async () => {
    const dir = mkdtempSync(join(tmp, 'none-'));
    const target = join(dir, 'project.layerlab');
    await killMidway(target, 4);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(dir)).toHaveLength(1);
  }, 60_000);

  it('removes a killed writer\'s temporary file on the next write of the same target', async () => {
    const dir = mkdtempSync(join(tmp, 'cleanup-'));
    const target = join(dir, 'data.csv');
    await killMidway(target, 2);
    expect(leftovers(dir)).toHaveLength(1);
    await writeFileAtomic(target, 'a,b\r\n1,2\r\n');
    expect(leftovers(dir)).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
  }, 60_000);

  it('writes text, bytes and generated chunks, replacing the previous content', async () => {
    const target = join(tmp, 'chunks.txt');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, Uint8Array.from([104, 105]));
    expect(readFileSync(target, 'utf8')).toBe('hi');
    await writeFileAtomic(target, (function* () {
      for (let i = 0; i < 100_000; i++) yield `${i}\n`;
    })());
    const lines = readFileSync(target, 'utf8').split('\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[99_999]).toBe('99999');
  });

  it('says why a file cannot be written, and that nothing was changed', async () => {
    await expect(writeFileAtomic(join(tmp, 'no-such-folder', 'model.json'), 'x')).rejects.toThrow(/Cannot save .*model\.json: its folder does not exist\. Nothing was changed on disk/);
  });

  it('leaves the target untouched when producing the data fails midway', async () => {
    const target = join(tmp, 'failing.csv');
    writeFileSync(target, 'old');
    const failing = (function* () {
      yield 'new,partial\r\n';
      throw new Error('the generator broke');
    })();
    await expect(writeFileAtomic(target, failing)).rejects.toThrow('the generator broke');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(leftovers(tmp)).toEqual([]);
  });
});

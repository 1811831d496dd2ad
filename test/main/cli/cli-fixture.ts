/** What the CLI tests share: the CLI run in this process with its output captured, the shared datasets, a scratch folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../main/cli/run-cli.ts';

export const repo = resolve(import.meta.dirname, '../../..');
export const datasets = resolve(repo, '../shared/datasets');

/** `layerlab <argv>`: its exit code and everything it wrote to stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

/** A fresh folder for one test file (`layerlab-<name>-…`), and a writer of small files in it that returns their path. */
export function scratch(name: string): { readonly dir: string; file(fileName: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), `layerlab-${name}-`));
  return {
    dir,
    file(fileName, text) {
      const path = join(dir, fileName);
      writeFileSync(path, text);
      return path;
    },
  };
}

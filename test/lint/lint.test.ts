/**
 * `npm run lint` bites: each rule of eslint.config.js, run on a small checkout in a temporary folder, fails a
 * deliberate violation and passes the same tree without it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintConfig } from '../../eslint.config.js';

let root: string;

/** A checkout with the three layers, clean. */
const CLEAN: Record<string, string> = {
  'engine/table/table.ts': "export const COLUMNS = ['a'];\n",
  'engine/prep/prepare.ts': "import { COLUMNS } from '../table/table.ts';\nexport const prepared = COLUMNS.length;\n",
  'main/api/contract.ts': "import { prepared } from '../../engine/prep/prepare.ts';\nexport const calls = { prepared };\n",
  'main/api/calls/recipe-calls.ts': 'export const recipeCalls = {};\n',
  'main/api/handlers.ts': "import { calls } from './contract.ts';\nimport { readFileSync } from 'node:fs';\nexport const handlers = { calls, readFileSync };\n",
  'renderer/src/lib/state/app.svelte.ts': "import { calls } from '../../../../main/api/contract.ts';\nimport { recipeCalls } from '../../../../main/api/calls/recipe-calls.ts';\nexport const app = { calls, recipeCalls };\n",
  'renderer/src/App.svelte': '<script lang="ts">\n  import { app } from \'./lib/state/app.svelte.ts\';\n  const shown: string = String(app);\n</script>\n\n<p>{shown}</p>\n',
};

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Every problem the lint finds in the tree, as `path: rule`. */
async function problems(): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: lintConfig(root) });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((result) => result.messages.map((m) => `${result.filePath.slice(root.length + 1)}: ${m.ruleId ?? m.message}`));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'layerlab-lint-'));
  write(CLEAN);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('npm run lint', () => {
  it('passes a tree that keeps every rule', async () => {
    expect(await problems()).toEqual([]);
  });

  it('fails engine code that imports main, a package or a Node built-in', async () => {
    write({
      'engine/prep/prepare.ts': "import { recipeCalls } from '../../main/api/calls/recipe-calls.ts';\nexport const prepared = recipeCalls;\n",
      'engine/table/read.ts': "import Papa from 'papaparse';\nimport { readFileSync } from 'node:fs';\nexport const read = [Papa, readFileSync];\n",
    });
    expect(await problems()).toEqual([
      'engine/prep/prepare.ts: import-x/no-restricted-paths',
      'engine/table/read.ts: no-restricted-imports',
      'engine/table/read.ts: no-restricted-imports',
    ]);
  });

  it('fails a renderer module or component that reaches main past the contract', async () => {
    write({
      'renderer/src/lib/state/app.svelte.ts': "import { handlers } from '../../../../main/api/handlers.ts';\nexport const app = handlers;\n",
      'renderer/src/App.svelte': '<script lang="ts">\n  import { handlers } from \'../../main/api/handlers.ts\';\n  const shown: string = String(handlers);\n</script>\n\n<p>{shown}</p>\n',
    });
    expect(await problems()).toEqual(['renderer/src/App.svelte: import-x/no-restricted-paths', 'renderer/src/lib/state/app.svelte.ts: import-x/no-restricted-paths']);
  });

  it('fails main code that imports the renderer', async () => {
    write({ 'main/api/handlers.ts': "import { app } from '../../renderer/src/lib/state/app.svelte.ts';\nexport const handlers = app;\n" });
    expect(await problems()).toEqual(['main/api/handlers.ts: import-x/no-restricted-paths']);
  });

  it('fails an import cycle, but not a cycle of type-only imports', async () => {
    write({ 'engine/table/table.ts': "import { prepared } from '../prep/prepare.ts';\nexport const COLUMNS = ['a'];\nexport const again = prepared;\n" });
    expect(await problems()).toEqual(['engine/prep/prepare.ts: import-x/no-cycle', 'engine/table/table.ts: import-x/no-cycle']);
    write({ 'engine/table/table.ts': "import type { prepared } from '../prep/prepare.ts';\nexport const COLUMNS = ['a'];\nexport type Prepared = typeof prepared;\n" });
    expect(await problems()).toEqual([]);
  });

  it('fails a source file of 300 lines or more, in any layer, but not a test or a generated file', async () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
    write({ 'engine/prep/long.ts': lines(299), 'test/engine/long.test.ts': lines(400), 'engine/nn/kernels.generated.ts': lines(400) });
    expect(await problems(), '299 lines are fine').toEqual([]);
    write({ 'engine/prep/long.ts': lines(300), 'renderer/src/Long.svelte': `<script lang="ts">\n${lines(300)}</script>\n` });
    expect(await problems()).toEqual(['engine/prep/long.ts: max-lines', 'renderer/src/Long.svelte: max-lines']);
  });
});

import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the test run', () => {
  it('writes its temporary files under a folder of its own, removed when it ends', () => {
    expect(basename(tmpdir())).toMatch(/^layerlab-run-/);
    expect(process.env.TMPDIR).toBe(tmpdir());
    expect(basename(dirname(tmpdir()))).not.toMatch(/^layerlab-run-/);
  });
});

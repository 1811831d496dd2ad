/**
 * The exported graph, run by onnxruntime-web on raw rows, predicts what Layerlab predicts: on every shared
 * dataset and parser variant, every row of the file plus edge rows (gaps, unseen labels, far and infinite
 * numbers, calendar corners), the same rows refused (naming the same column), the same labels, and
 * probabilities (or regression values) within 1e-5. Every graph written here then passes onnx.checker.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onnxBytes } from '../../../../main/export/onnx/export-onnx.ts';
import { CUSTOM, SUGGESTED, trainCase, type OnnxCase } from './cases.ts';
import { withEdgeRows } from './edge-rows.ts';
import { compareWithLayerlab, runOnnx } from './onnx-runner.ts';
import { CHECK_GRAPHS, ONNX_PYTHON, requireOnnxPython } from './python-onnx.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-onnx-'));
const written: string[] = [];

async function expectParity(name: string, c: OnnxCase): Promise<void> {
  const { model, table } = await trainCase(c);
  const rows = withEdgeRows(table, model.recipe.inputSchema);
  const bytes = onnxBytes(model, c.threshold !== undefined ? { threshold: c.threshold } : {});
  const path = join(tmp, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.onnx`);
  writeFileSync(path, bytes);
  written.push(path);
  const comparison = compareWithLayerlab(model, rows, await runOnnx(bytes, model, rows));
  expect(comparison.mismatches).toEqual([]);
  expect(comparison.largestDifference).toBeLessThanOrEqual(1e-5);
  // A label may differ only where Layerlab's own decision is a tie within the tolerance: none so far.
  expect(comparison.nearTies).toBe(0);
  expect(comparison.unreadable).toBe(0);
  // The edge rows make every recipe refuse some rows (an infinite number at least), so refusals are compared.
  expect(comparison.refused).toBeGreaterThan(0);
}

describe('ONNX export: onnxruntime on raw rows matches layerlab predict', () => {
  for (const [name, c] of Object.entries(SUGGESTED)) it(`${name} (suggested recipe)`, () => expectParity(name, c), 600_000);
  for (const [name, c] of Object.entries(CUSTOM)) it(name, () => expectParity(name, c), 600_000);

  it('every graph written passes onnx.checker.check_model (full check, Debian python3-onnx)', () => {
    requireOnnxPython();
    expect(written.length).toBe(Object.keys(SUGGESTED).length + Object.keys(CUSTOM).length);
    expect(execFileSync(ONNX_PYTHON, ['-c', CHECK_GRAPHS, ...written], { encoding: 'utf8' }).trim()).toBe(String(written.length));
  }, 120_000);
});

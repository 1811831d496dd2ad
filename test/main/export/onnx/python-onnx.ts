/** Debian's python3 with python3-onnx (the pyenv python3 on PATH may lack it), for the checker and the docs' snippet. */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

export const ONNX_PYTHON = '/usr/bin/python3';

/** Fails the test with what to install when python3-onnx is absent (.ci/run installs it). */
export function requireOnnxPython(): void {
  const found = spawnSync(ONNX_PYTHON, ['-c', 'import onnx, numpy'], { stdio: 'ignore' }).status === 0;
  if (!found) expect.fail('python3-onnx is missing: apt-get install python3-onnx (it checks the exported ONNX graphs)');
}

export const CHECK_GRAPHS = 'import onnx, sys\nfor path in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(path), full_check=True)\nprint(len(sys.argv) - 1)';

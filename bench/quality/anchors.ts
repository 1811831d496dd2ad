/** Runs the scikit-learn anchors (sklearn_anchors.py) with Debian's python3 on one split's CSV files. */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Debian's interpreter: apt's python3-sklearn is not visible to a pyenv python3 on PATH. */
export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_anchors.py', import.meta.url));

export interface AnchorScores {
  readonly hgb: { readonly score: number; readonly seconds: number };
  readonly mlp: { readonly score: number; readonly seconds: number } | null;
}

export function sklearnMissing(): string | null {
  const ok = spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { stdio: 'ignore' }).status === 0;
  return ok ? null : 'bench:quality compares with scikit-learn: install it with `apt-get install -y python3-sklearn python3-pandas`.';
}

export async function sklearnAnchors(trainCsv: string, testCsv: string, target: string, classification: boolean, withMlp: boolean): Promise<AnchorScores> {
  const { stdout } = await run(PYTHON, [SCRIPT, trainCsv, testCsv, target, classification ? 'classification' : 'regression', '0', withMlp ? 'mlp' : 'no-mlp'], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as AnchorScores;
}

/** Where the PyTorch script tests find PyTorch: Debian's python3 with python3-torch and python3-pandas. */
import { spawnSync } from 'node:child_process';

/** The pyenv python3 on PATH has neither torch nor pandas. */
export const TORCH_PYTHON = '/usr/bin/python3';
export const hasTorch = spawnSync(TORCH_PYTHON, ['-c', 'import torch, pandas'], { stdio: 'ignore' }).status === 0;
/** Added to the test names, so that a machine without PyTorch says in one line what to install. */
export const NEEDS_TORCH = hasTorch ? '' : ' (skipped: /usr/bin/python3 lacks torch or pandas: apt-get install python3-torch python3-pandas)';

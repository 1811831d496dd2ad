/**
 * A PyTorch DistributedDataParallel training script from a model file, for tables larger than one machine:
 * 1. clean the file as the fitted recipe says (the same pandas code as the Keras script, run chunk by chunk),
 *    each process its own shard of rows, after Layerlab's own split of the file;
 * 2. build the same network (initial weights drawn fresh with a seed, or the model file's);
 * 3. train it with DDP (gloo on CPUs, nccl on GPUs) with Layerlab's loss, optimizer, early stopping and
 *    learning-rate reduction, checkpointing every N steps;
 * 4. evaluate it on the test rows with Layerlab's report;
 * 5. write a Layerlab model file: same recipe and schema, new weights, so it comes back into the app.
 * Needs Python 3, PyTorch, numpy and pandas. Runs alone, as N local processes (--nproc), or under any launcher
 * that sets RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT (torchrun, srun, Kubernetes operators).
 */
import type { ModelFile } from '../../../engine/model/model-file.ts';
import { writeFileAtomic } from '../../project/atomic-write.ts';
import { cleaningCode } from '../pandas-recipe.ts';
import { PANDAS_CLEAN_TAIL, PANDAS_READING } from '../pandas-reading.ts';
import { pythonConstants } from '../python-constants.ts';
import { scriptHeader } from '../script-header.ts';
import { PY_DATA } from './py-data.ts';
import { PY_MAIN } from './py-main.ts';
import { PY_NETWORK } from './py-network.ts';
import { PY_PROCESSES } from './py-processes.ts';
import { PY_REPORT } from './py-report.ts';
import { PY_TRAINING } from './py-training.ts';
import { beforeSplitCode, modelFileCode, networkCode, trainingConstants } from './torch-model-code.ts';

const HOW_TO = [
  'Run:   python3 this_script.py data.csv [--nproc N] [--out trained.json]   (--help for every flag)',
  '       torchrun --nproc-per-node N this_script.py data.csv                 (and on many machines)',
  'Needs: PyTorch, numpy and pandas (pip install torch numpy pandas).',
];

const DOCSTRING = `"""Layerlab's model as a PyTorch DistributedDataParallel script: 1. clean the data in chunks, each process its
own rows; 2. build the network; 3. train it on every process; 4. evaluate it on the test rows; 5. write the trained
model as a Layerlab model file, to open in Layerlab for Evaluate, Predict and every export."""`;

export function torchScript(file: ModelFile): string {
  return `${scriptHeader(file, HOW_TO, DOCSTRING)}
import argparse
import base64
import hashlib
import json
import math
import os
import socket
import sys
import time
import traceback
from array import array
from datetime import datetime, timezone
from decimal import Decimal

import numpy as np
import pandas as pd
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

${pythonConstants(file)}
${trainingConstants(file)}

# ---------------------------------------------------------------------------------------------------------
# Step 1: clean the data with the recipe Layerlab fitted on its training rows (the constants are written in).
# ---------------------------------------------------------------------------------------------------------
${PANDAS_READING}

def clean(frame, training=True):
    """X (float32, the FEATURES in order) and y as the network learns it (None without a target column).
    The index of X keeps each row's number in the file; rows a step removes are left out."""
${cleaningCode(file.recipe)}${PANDAS_CLEAN_TAIL}

${beforeSplitCode(file)}${PY_DATA}
${networkCode(file)}
${PY_NETWORK}${PY_PROCESSES}${PY_TRAINING}${PY_REPORT}${PY_MAIN}

${modelFileCode(file)}

if __name__ == "__main__":
    main()
`;
}

export async function saveTorchScript(path: string, file: ModelFile): Promise<void> {
  await writeFileAtomic(path, torchScript(file));
}

import { saveTorchScript } from '../../export/pytorch/torch-script.ts';
import { scriptExportCommand } from '../script-export.ts';

const USAGE = `usage: layerlab export-pytorch <model.json> <file.py> [--json]
  Writes a PyTorch DistributedDataParallel training script: it cleans a CSV file as the model's recipe says
  (in chunks, each process its own rows, split as Layerlab splits them), trains the same network on one or
  many processes, evaluates it on the test rows and writes the trained model as a Layerlab model file:
    python3 <file.py> data.csv [--nproc N]            one process, or N on this machine
    torchrun --nproc-per-node N <file.py> data.csv    under a launcher, on one or many machines
  Needs PyTorch, numpy and pandas; "python3 <file.py> --help" lists every option.`;

export const exportPytorchCommand = scriptExportCommand({ usage: USAGE, save: saveTorchScript, runLine: (script, data) => `python3 ${script} ${data} --nproc 2` });

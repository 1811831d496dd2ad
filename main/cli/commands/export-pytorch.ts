import { UserFacingError } from '../../../engine/errors.ts';
import { readModelFile } from '../../export/model-io.ts';
import { saveTorchScript } from '../../export/pytorch/torch-script.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliCommand } from '../commands.ts';

const USAGE = `usage: layerlab export-pytorch <model.json> <file.py> [--json]
  Writes a PyTorch DistributedDataParallel training script: it cleans a CSV file as the model's recipe says
  (in chunks, each process its own rows, split as Layerlab splits them), trains the same network on one or
  many processes, evaluates it on the test rows and writes the trained model as a Layerlab model file:
    python3 <file.py> data.csv [--nproc N]            one process, or N on this machine
    torchrun --nproc-per-node N <file.py> data.csv    under a launcher, on one or many machines
  Needs PyTorch, numpy and pandas; "python3 <file.py> --help" lists every option.`;

const options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export const exportPytorchCommand: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, USAGE);
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and the script to write.\n${USAGE}`);
    const [modelPath, scriptPath] = positionals as [string, string];
    if (!scriptPath.endsWith('.py')) throw new UserFacingError('usage', `the script's name should end in .py (got "${scriptPath}"), so Python runs it as a script.`);
    const model = await readModelFile(modelPath);
    await saveTorchScript(scriptPath, model.file);
    io.stdout.write(values.json ? `${JSON.stringify({ script: scriptPath })}\n` : `wrote ${scriptPath}: run it with "python3 ${scriptPath} ${model.file.provenance.source.name} --nproc 2"\n`);
    return 0;
  },
};

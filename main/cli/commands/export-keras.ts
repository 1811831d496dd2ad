import { UserFacingError } from '../../../engine/errors.ts';
import { saveKerasScript } from '../../export/keras-script.ts';
import { readModelFile } from '../../export/model-io.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliCommand } from '../commands.ts';

const USAGE = `usage: layerlab export-keras <model.json> <file.py> [--json]
  Writes a Python script that reproduces the model's cleaning recipe (its fitted constants written in) and
  network with Keras, and trains and evaluates it: python3 <file.py> <data file>.
  Needs pandas, numpy, scikit-learn and Keras 3.`;

const options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export const exportKerasCommand: CliCommand = {
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
    await saveKerasScript(scriptPath, model.file);
    io.stdout.write(values.json ? `${JSON.stringify({ script: scriptPath })}\n` : `wrote ${scriptPath}: run it with "python3 ${scriptPath} ${model.file.provenance.source.name}"\n`);
    return 0;
  },
};

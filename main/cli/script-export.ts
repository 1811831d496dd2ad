/**
 * The shape of the commands that write a Python script from a model file (export-keras, export-pytorch):
 * `<model.json> <file.py> [--json]`, the script's name checked before the model is read, and one line saying how
 * to run what was written.
 */
import { UserFacingError } from '../../engine/errors.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import { readModelFile } from '../export/model-io.ts';
import type { CliCommand } from './commands.ts';
import { defineCommand } from './define-command.ts';

export interface ScriptExport {
  readonly usage: string;
  readonly save: (scriptPath: string, file: ModelFile) => Promise<void>;
  /** The command line that runs the script on the model's own data file. */
  readonly runLine: (scriptPath: string, dataName: string) => string;
}

const options = { json: { type: 'boolean' } } as const;

export function scriptExportCommand({ usage, save, runLine }: ScriptExport): CliCommand {
  return defineCommand(usage, options, async ({ values, positionals }, io) => {
    if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and the script to write.\n${usage}`);
    const [modelPath, scriptPath] = positionals as [string, string];
    if (!scriptPath.endsWith('.py')) throw new UserFacingError('usage', `the script's name should end in .py (got "${scriptPath}"), so Python runs it as a script.`);
    const model = await readModelFile(modelPath);
    await save(scriptPath, model.file);
    io.stdout.write(values.json ? `${JSON.stringify({ script: scriptPath })}\n` : `wrote ${scriptPath}: run it with "${runLine(scriptPath, model.file.provenance.source.name)}"\n`);
    return 0;
  });
}

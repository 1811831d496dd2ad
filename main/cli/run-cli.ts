import { isUserFacingError } from '../../engine/errors.ts';
import { enableRelaxedSimd } from '../runtime/wasm-features.ts';
import { commands } from './commands.ts';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const EXIT_USER_ERROR = 2;
export const EXIT_INTERNAL_ERROR = 70;

const USAGE = `usage: layerlab <command> [options]

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

Run "layerlab <command> --help" for a command's options.
`;

/** Runs one CLI command and returns the process exit code. User mistakes print one line, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliStreams): Promise<number> {
  enableRelaxedSimd();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name === undefined ? EXIT_USER_ERROR : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`layerlab: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\n`);
    return EXIT_USER_ERROR;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (error) {
    if (isUserFacingError(error)) {
      io.stderr.write(`layerlab ${name}: ${error.message}\n`);
      return EXIT_USER_ERROR;
    }
    const detail = process.env.LAYERLAB_DEBUG ? `\n${(error as Error).stack ?? error}` : ' (set LAYERLAB_DEBUG=1 for details)';
    io.stderr.write(`layerlab ${name}: internal error: ${(error as Error).message ?? error}${detail}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}

/**
 * One way for every CLI command to read its arguments: `--help` (or -h) prints the command's usage and exits 0, a
 * mistyped flag is a usage error naming the usage, and the command itself only sees what it asked for.
 */
import { parseCommandArgs } from './args.ts';
import type { CliCommand } from './commands.ts';
import type { CliStreams } from './run-cli.ts';

type Options = Parameters<typeof parseCommandArgs>[1];

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** A command's parsed arguments: its options' values and its positionals. */
export type ParsedArgs<O extends Options> = ReturnType<typeof parseCommandArgs<O & typeof HELP>>;

export function defineCommand<O extends Options>(usage: string, options: O, run: (parsed: ParsedArgs<O>, io: CliStreams) => Promise<number>): CliCommand {
  return {
    async run(args, io) {
      const parsed = parseCommandArgs(args, { ...options, ...HELP }, usage);
      // A generic O hides the added flag from parseArgs' types; the config above always has it.
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout.write(`${usage}\n`);
        return 0;
      }
      return run(parsed, io);
    },
  };
}

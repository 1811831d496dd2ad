import type { CliStreams } from './run-cli.ts';

export interface CliCommand {
  readonly summary: string;
  run(args: readonly string[], io: CliStreams): Promise<number>;
}

/** Every CLI command, by name. Each lives in its own file under commands/. */
export const commands: Record<string, CliCommand> = {};

/** Every command reads `--help` and mistyped flags the same way (one place: main/cli/define-command.ts). */
import { describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands.ts';
import { cli } from './cli-fixture.ts';

describe.each(Object.keys(commands))('layerlab %s', (name) => {
  it('prints its own usage for --help and -h, on stdout, and exits 0', async () => {
    const long = await cli(name, '--help');
    const short = await cli(name, '-h');
    expect(long.code).toBe(0);
    expect(long.err).toBe('');
    expect(long.out).toMatch(new RegExp(`^usage: layerlab ${name} `));
    expect(short).toEqual(long);
  });

  it('prints the usage even when the rest of the line is incomplete', async () => {
    // No file and no --target: --help still wins, so a user can ask before knowing what to give.
    const { code, out } = await cli(name, '--json', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^usage: layerlab ${name} `));
  });

  it('refuses a mistyped flag in one line that names it, then its usage, and exits 2', async () => {
    const { code, out, err } = await cli(name, 'data.csv', '--no-such-flag');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toMatch(/--no-such-flag/);
    expect(err).toMatch(new RegExp(`usage: layerlab ${name} `));
  });
});

#!/usr/bin/env node
// The `layerlab` command. Sources are TypeScript; tsx compiles them on the fly so the CLI works right after
// `npm install`, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/run-cli.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

/**
 * `npm run web`: builds the renderer, then serves it with the app's services on 127.0.0.1 and prints the
 * address to open (it carries this launch's key). Ctrl+C stops it and deletes its temporary files.
 *   --port N             listen on N instead of a free port
 *   --no-build           serve the renderer already in --renderer-dir
 *   --renderer-dir DIR   where the built renderer is (default out/renderer)
 *   --settings-dir DIR   where recent files are remembered (default: the app's settings folder)
 */
import { parseArgs } from 'node:util';
import { launchWebHost } from '../main/web/launch.ts';
import { buildRenderer } from './build-renderer.ts';
import { RENDERER_OUT, SAMPLES_DIR } from './paths.ts';

const USAGE = 'usage: npm run web -- [--port N] [--no-build] [--renderer-dir DIR] [--settings-dir DIR]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        'renderer-dir': { type: 'string' },
        'settings-dir': { type: 'string' },
      },
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    return { port, build: !values['no-build'], rendererDir: values['renderer-dir'] ?? RENDERER_OUT, settingsDir: values['settings-dir'] };
  } catch (error) {
    process.stderr.write(`layerlab web: ${(error as Error).message}.\n${USAGE}\n`);
    process.exit(2);
  }
}

const { port, build, rendererDir, settingsDir } = options();
if (build) await buildRenderer(rendererDir, { quiet: true });
let host;
try {
  host = await launchWebHost({ rendererDir, samplesDir: SAMPLES_DIR, settingsDir, port });
} catch (error) {
  const code = (error as { code?: string }).code;
  const reason = code === 'EADDRINUSE' ? `port ${port} is already in use; choose another with --port, or leave it out for a free one` : (error as Error).message;
  process.stderr.write(`layerlab web: could not start: ${reason}.\n`);
  process.exit(1);
}
process.stdout.write(`Layerlab is running at ${host.url}\nOpen that address in your browser (it includes this launch's key). Press Ctrl+C to stop.\n`);

const stop = () => void host.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

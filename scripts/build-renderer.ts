/** Builds the renderer with vite.config.ts into `outDir` (out/renderer by default). */
import { build } from 'vite';
import { join } from 'node:path';
import { RENDERER_OUT, ROOT } from './paths.ts';

export async function buildRenderer(outDir = RENDERER_OUT, options: { quiet?: boolean } = {}): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: join(ROOT, 'renderer'),
    logLevel: options.quiet ? 'error' : 'info',
    build: { outDir, emptyOutDir: true },
  });
}

/** `npm run build`: the renderer (Vite → out/renderer) and the Electron main process and preload (esbuild → out/main). */
import { buildMain } from './build-main.ts';
import { buildRenderer } from './build-renderer.ts';

await Promise.all([buildRenderer(), buildMain()]);
process.stdout.write('Built out/renderer and out/main.\n');

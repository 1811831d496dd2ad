/** Builds the renderer (renderer/ → out/renderer). Relative asset URLs: the same build serves app:// and the web host. */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { CSP_META } from './main/api/csp.ts';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    svelte({ configFile: false }),
    {
      name: 'layerlab-csp',
      transformIndexHtml: (html) => html.replace('%LAYERLAB_CSP%', CSP_META),
    },
  ],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Electron 45 ships Chromium 142; the web host targets current browsers.
    target: 'chrome120',
    reportCompressedSize: false,
    // One ~620 kB bundle (most of it ECharts), read from disk or 127.0.0.1, never over a network.
    chunkSizeWarningLimit: 1024,
  },
});

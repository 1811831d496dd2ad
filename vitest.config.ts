import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/** Renderer state classes (`*.svelte.ts`) are tested in `*.svelte.test.ts` files: compiled by Svelte, its browser runtime. */
const RENDERER_STATE_TESTS = 'test/renderer/**/*.svelte.test.ts';
/** Browser tests: each drives Chromium against its own web host (and trains models in it). */
const BROWSER_TESTS = 'test/e2e/**/*.e2e.test.ts';
/** Tests that time main's event loop: run last and alone, so the suite's other files do not load the machine they measure. */
const TIMING_TESTS = 'test/main/engine-pool/main-never-waits.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the heavier learning and browser tests must not starve each other.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], exclude: [RENDERER_STATE_TESTS, BROWSER_TESTS, TIMING_TESTS], environment: 'node' } },
      // After the rest, one file at a time: two browsers, two hosts and their training runs on two cores made
      // the projects and results flows time out now and then in CI (notices faded, restores outlasted waits).
      { extends: true, test: { name: 'browser', include: [BROWSER_TESTS], environment: 'node', sequence: { groupOrder: 1 }, maxWorkers: 1 } },
      { extends: true, test: { name: 'timing', include: [TIMING_TESTS], environment: 'node', sequence: { groupOrder: 2 }, maxWorkers: 1 } },
      {
        extends: true,
        plugins: [svelte({ configFile: false })],
        // Svelte's client runtime (reactive state) rather than its server build, which Node would pick.
        resolve: { conditions: ['browser'] },
        test: { name: 'renderer-state', include: [RENDERER_STATE_TESTS], environment: 'node' },
      },
    ],
  },
});

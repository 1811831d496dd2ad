/**
 * `npm run lint` (part of `npm test`): the rules that keep the layers as the design draws them, so they hold by
 * more than convention:
 *   renderer → (the contract) ← main → engine
 * - engine/ imports nothing outside engine/: no package, no Node built-in (it runs in workers and browsers);
 * - renderer/ reaches main/ only through the contract modules, and main/ never imports the renderer;
 * - no import cycles (type-only imports aside: they vanish at run time);
 * - source files stay under 300 lines (tests and generated files aside): a longer file is asking to be split.
 *
 * ESLint (flat config) with typescript-eslint's parser, svelte-eslint-parser for components and
 * eslint-plugin-import-x for the boundaries and cycles, rather than dependency-cruiser: the 300-line rule is
 * ESLint's own `max-lines` (dependency-cruiser cannot count lines), so one tool and one report cover every rule;
 * and dependency-cruiser's current major needs Node 22. No type information is needed, so linting stays fast.
 *
 * `lintConfig(root)` builds the rules for a checkout at `root`; test/lint/lint.test.ts runs them on deliberate
 * violations in a temporary tree to prove each one bites.
 */
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';

/** The modules of main/ the renderer may import: the contract, its call areas, and the step and shortcut lists it declares. */
const CONTRACT = ['./api/contract.ts', './api/calls', './api/steps.ts', './api/shortcuts.ts'];
const MAX_LINES = 299;

/** @param {string} root @returns {import('eslint').Linter.Config[]} */
export function lintConfig(root) {
  return [
    // Tests reach across the layers on purpose, and generated files are as long as what they hold.
    { ignores: ['node_modules/', 'out/', 'release/', 'test-results/', 'test/', '**/*.generated.ts'] },
    {
      files: ['**/*.ts', '**/*.js'],
      languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    },
    {
      files: ['**/*.svelte'],
      languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser } },
    },
    {
      files: ['engine/**/*.ts', 'main/**/*.ts', 'renderer/**/*.{ts,svelte}', 'scripts/**/*.ts', 'bench/**/*.ts', 'bin/**/*.{js,mjs}'],
      plugins: { 'import-x': importX },
      settings: {
        'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.svelte'] })],
        // The files no-cycle follows. Components are not followed: only renderer/src/main.ts imports one from
        // TypeScript, so no cycle can pass through them; the cycle check of each component's own imports still runs.
        'import-x/extensions': ['.ts', '.js', '.mjs'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.js', '.mjs'] },
      },
      rules: {
        'max-lines': ['error', { max: MAX_LINES, skipBlankLines: false, skipComments: false }],
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
        'import-x/no-restricted-paths': [
          'error',
          {
            basePath: root,
            zones: [
              { target: './engine', from: './', except: ['./engine'], message: 'engine/ imports nothing outside engine/: it runs in workers and browsers.' },
              { target: './renderer', from: './main', except: CONTRACT, message: 'The renderer reaches main only through the contract (main/api/contract.ts and main/api/calls/).' },
              { target: './main', from: './renderer', message: 'main never imports the renderer: arrows point down only.' },
            ],
          },
        ],
      },
    },
    {
      // Packages and Node built-ins resolve outside the checkout, where the zones above do not look.
      files: ['engine/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\.\\.?/)', message: 'engine/ imports nothing outside engine/: no package, no Node built-in (it runs in workers and browsers).' }] }],
      },
    },
  ];
}

export default lintConfig(import.meta.dirname);

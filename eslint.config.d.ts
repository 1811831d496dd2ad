/** Types of eslint.config.js, for the test that runs its rules on deliberate violations. */
import type { Linter } from 'eslint';

/** The lint rules for a checkout at `root`. */
export function lintConfig(root: string): Linter.Config[];

declare const config: Linter.Config[];
export default config;

/**
 * package.json's `engines` says the Node versions the project runs on: every version it admits (the lowest of each
 * range) is one that the tools the tests and the web host need (Vite, Vitest, the Svelte plugin) admit too, the
 * Node running these tests is admitted, and the README names the same lowest versions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/paths.ts';

type Version = readonly [number, number, number];

function version(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.replace(/^v/, '').split('.').map(Number);
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The forms the tools' ranges use: `^X.Y.Z`, `>=X.Y.Z`, `X` (a major), joined by `||`. */
function admits(range: string, v: Version): boolean {
  return range.split('||').some((part) => {
    const p = part.trim();
    if (p.startsWith('^')) return v[0] === version(p.slice(1))[0] && compare(v, version(p.slice(1))) >= 0;
    if (p.startsWith('>=')) return compare(v, version(p.slice(2).trim())) >= 0;
    return /^\d+$/.test(p) && v[0] === Number(p);
  });
}

function enginesOf(packageDir: string): string {
  return (JSON.parse(readFileSync(join(ROOT, packageDir, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
}

describe('package.json engines', () => {
  const ours = enginesOf('.');
  const lowest = ours.split('||').map((part) => version(part.trim().replace(/^(\^|>=)/, '')));

  it('admits only Node versions that Vite, Vitest and the Svelte plugin run on', () => {
    for (const tool of ['node_modules/vite', 'node_modules/vitest', 'node_modules/@sveltejs/vite-plugin-svelte']) {
      for (const v of lowest) expect(admits(enginesOf(tool), v), `${tool} (${enginesOf(tool)}) on Node ${v.join('.')}`).toBe(true);
    }
  });

  it('admits the Node running the tests, and the README names its lowest versions', () => {
    expect(admits(ours, version(process.version))).toBe(true);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [major, minor] of lowest.filter(([major]) => major < 24)) expect(readme).toContain(`${major}.${minor}+`);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentFiles } from '../../../main/services/recent-files.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'layerlab-recent-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('RecentFiles', () => {
  it('keeps the newest first, each path once, at most `max`, and survives a restart', async () => {
    const file = join(dir, 'settings', 'recent-files.json');
    let clock = 0;
    const recent = new RecentFiles(file, 3, () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)));
    for (const path of ['/d/a.csv', '/d/b.csv', '/d/a.csv', '/d/c.xlsx', '/d/e.csv']) await recent.add(path);
    const expected = [
      { path: '/d/e.csv', name: 'e.csv', openedAt: '2026-01-01T00:00:04.000Z' },
      { path: '/d/c.xlsx', name: 'c.xlsx', openedAt: '2026-01-01T00:00:03.000Z' },
      { path: '/d/a.csv', name: 'a.csv', openedAt: '2026-01-01T00:00:02.000Z' },
    ];
    expect(await recent.list()).toEqual(expected);
    expect(await new RecentFiles(file, 3).list()).toEqual(expected);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(expected);
  });

  it('treats a missing or damaged file as an empty list', async () => {
    expect(await new RecentFiles(join(dir, 'none.json')).list()).toEqual([]);
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, '[{"path": 3}');
    expect(await new RecentFiles(damaged).list()).toEqual([]);
    await writeFile(damaged, '[{"path": "/x", "name": "x", "openedAt": "t", "extra": 1}]');
    expect(await new RecentFiles(damaged).list(), 'a hand-edited entry with unknown fields is not trusted').toEqual([]);
  });
});

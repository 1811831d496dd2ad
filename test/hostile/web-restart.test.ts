/**
 * A web host killed with kill -9 cleans nothing: its upload folder, a recovery file its autosave was half-way
 * through writing, and recovery files of sessions nobody restored for weeks stay on disk. The next `npm run web`
 * removes them before it serves anything (main/services/leftovers.ts, called by main/web/launch.ts): this runs
 * scripts/web.ts in processes of its own, as a user would, and kills the first one for real.
 */
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type RunningHost } from '../e2e/harness.ts';

let dir: string;
let renderer: string;
let settingsDir: string;
const hosts: RunningHost[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-restart-'));
  // The host only needs a page to serve; these tests never open it.
  renderer = join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Layerlab</title>');
  settingsDir = join(dir, 'settings');
  await mkdir(join(settingsDir, 'recovery'), { recursive: true });
});

afterAll(async () => {
  for (const host of hosts) await host.stop();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<RunningHost> {
  const host = await startWebHost(renderer, { settingsDir });
  hosts.push(host);
  return host;
}

function upload(host: RunningHost, name: string, bytes: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.origin}/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'x-layerlab-token': host.token } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

const uploadFolders = (pid: number) => readdirSync(tmpdir()).filter((name) => name.startsWith(`layerlab-uploads-${pid}-`));

describe('a web host killed with kill -9', () => {
  it('leaves its uploads and half-written recovery behind, and the next host removes them as it starts', async () => {
    const first = await start();
    expect(await upload(first, 'data.csv', 'a,b\n1,2\n3,4\n')).toBe(200);
    expect(uploadFolders(first.pid), 'the upload waits in a folder named after its host').toHaveLength(1);
    const recovery = join(settingsDir, 'recovery');
    // What the first host's autosave would leave if killed mid-write, and what an ended session left long ago.
    const halfWritten = join(recovery, `.session-${first.pid}-0a0b0c0d.layerlab-recovery.${first.pid}.deadbeef.layerlab-tmp`);
    const stale = join(recovery, `session-${first.pid}-0badc0de.layerlab-recovery`);
    const recent = join(recovery, `session-${first.pid}-00c0ffee.layerlab-recovery`);
    for (const file of [halfWritten, stale, recent]) writeFileSync(file, '{}');
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 60 * 60_000);
    utimesSync(stale, fortyDaysAgo, fortyDaysAgo);

    const gone = hosts.pop()!;
    await gone.kill();
    expect(uploadFolders(first.pid), 'kill -9 cleans nothing').toHaveLength(1);

    await start();
    expect(uploadFolders(first.pid)).toEqual([]);
    expect(existsSync(halfWritten), 'the half-written recovery file').toBe(false);
    expect(existsSync(stale), 'a recovery file older than 30 days').toBe(false);
    expect(existsSync(recent), 'a recent recovery file stays, to be offered').toBe(true);
  }, 120_000);
});

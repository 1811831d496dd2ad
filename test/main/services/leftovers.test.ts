/** What killed hosts and sessions leave behind goes at the next start; what live ones hold stays. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepLeftovers } from '../../../main/services/leftovers.ts';

let dir: string;
let temp: string;
let recovery: string;
const dead = () => spawnSync(process.execPath, ['-e', '0']).pid!;
/** Another process that is running: the test runner's parent. */
const alive = process.ppid;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-leftovers-'));
  temp = join(dir, 'tmp');
  recovery = join(dir, 'recovery');
  mkdirSync(temp);
  mkdirSync(recovery);
});

afterEach(() => rm(dir, { recursive: true, force: true }));

function folder(name: string): string {
  mkdirSync(join(temp, name, 'some-upload'), { recursive: true });
  writeFileSync(join(temp, name, 'some-upload', 'data.csv'), 'a\n1\n');
  return name;
}

function file(name: string, daysOld = 0): string {
  writeFileSync(join(recovery, name), '{}');
  const when = (Date.now() - daysOld * 86_400_000) / 1000;
  utimesSync(join(recovery, name), when, when);
  return name;
}

describe('sweepLeftovers', () => {
  it('removes upload, download and warm-up folders of hosts that are gone, never a live one’s', async () => {
    const gone = dead();
    const removed = [folder(`layerlab-uploads-${gone}-AbC123`), folder(`layerlab-downloads-${gone}-XyZ789`), folder(`layerlab-warm-up-${gone}-Wrm456`)];
    const kept = [folder(`layerlab-uploads-${process.pid}-Own001`), folder(`layerlab-downloads-${alive}-Other1`), folder('layerlab-uploads-legacy'), folder(`someone-else-${gone}-x`)];
    expect(await sweepLeftovers({ recoveryDir: recovery, tempDir: temp })).toMatchObject({ tempFolders: 3 });
    expect(readdirSync(temp).sort()).toEqual(kept.sort());
    for (const name of removed) expect(existsSync(join(temp, name))).toBe(false);
  });

  it('removes half-written recovery files of killed writers, whatever their target', async () => {
    const gone = dead();
    file(`.session-${gone}-0a0b0c0d.layerlab-recovery.${gone}.deadbeef.layerlab-tmp`);
    const live = file(`.session-${alive}-01020304.layerlab-recovery.${alive}.cafebabe.layerlab-tmp`);
    const own = file(`.session-${process.pid}-01020304.layerlab-recovery.${process.pid}.cafebabe.layerlab-tmp`);
    expect(await sweepLeftovers({ recoveryDir: recovery, tempDir: temp })).toMatchObject({ temporaryFiles: 1 });
    expect(readdirSync(recovery).sort()).toEqual([live, own].sort());
  });

  it('prunes recovery files of ended sessions older than 30 days, and beyond the newest 10', async () => {
    const gone = dead();
    const stale = file(`session-${gone}-00000001.layerlab-recovery`, 31);
    const recent = Array.from({ length: 12 }, (_, i) => file(`session-${gone}-1000000${i.toString(16)}.layerlab-recovery`, i));
    const liveOld = file(`session-${alive}-0000000f.layerlab-recovery`, 90);
    const notOurs = file('notes.txt', 90);
    expect(await sweepLeftovers({ recoveryDir: recovery, tempDir: temp })).toMatchObject({ recoveries: 3 });
    const left = readdirSync(recovery);
    expect(left).not.toContain(stale);
    expect(left, 'the 10 newest of the ended sessions').toEqual(expect.arrayContaining(recent.slice(0, 10)));
    expect(left).not.toContain(recent[10]);
    expect(left).not.toContain(recent[11]);
    expect(left, 'a running session’s state is never pruned, however old').toContain(liveOld);
    expect(left).toContain(notOurs);
  });

  it('does nothing, and does not fail, when the folders do not exist', async () => {
    expect(await sweepLeftovers({ recoveryDir: join(dir, 'none'), tempDir: join(dir, 'none-either') })).toEqual({ tempFolders: 0, temporaryFiles: 0, recoveries: 0 });
  });
});

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { safeFileName, UPLOADS_PREFIX, UploadStore } from '../../../main/services/upload-store.ts';

describe('UploadStore', () => {
  it('spools the bytes to a private file under the sent name, until discarded', async () => {
    const store = new UploadStore(1024);
    const id = await store.save('Données 2024.csv', Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]));
    const { path, name } = store.get(id);
    expect(name).toBe('Données 2024.csv');
    expect(await readFile(path, 'utf8')).toBe('a,b\n1,2\n');
    await store.discard(id);
    expect(existsSync(dirname(path))).toBe(false);
    expect(() => store.get(id)).toThrow(/no longer available/);
    await store.close();
  });

  it('refuses a body over the limit and keeps none of it', async () => {
    const store = new UploadStore(5);
    await expect(store.save('big.csv', Readable.from([Buffer.from('1234'), Buffer.from('5678')]))).rejects.toMatchObject({ code: 'too-large' });
    await store.close();
  });

  it('caps the bytes waiting together, and forgets an upload no call used in time', async () => {
    let now = 0;
    const store = new UploadStore(10, { maxTotalBytes: 12, ttlMs: 1000 }, () => now);
    const first = await store.save('a.csv', Readable.from([Buffer.from('12345678')]));
    await expect(store.save('b.csv', Readable.from([Buffer.from('12345678')]))).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^b\.csv was not taken: uploaded files waiting to be opened would pass 0\.0 GB together/),
    });
    expect(() => store.checkRoom('c.csv', 5)).toThrow(/would pass/);
    now = 1001;
    const { path } = await (async () => {
      const id = await store.save('c.csv', Readable.from([Buffer.from('12345678')]));
      return store.get(id);
    })();
    expect(existsSync(path)).toBe(true);
    expect(() => store.get(first)).toThrow(/waited too long/);
    await store.close();
  });

  it('names its folder after the process, so a later start can tell a dead host’s leftovers', async () => {
    const store = new UploadStore(1024);
    const { path } = store.get(await store.save('a.csv', Readable.from([Buffer.from('x')])));
    expect(path).toContain(`${UPLOADS_PREFIX}${process.pid}-`);
    await store.close();
  });

  it('deletes everything on close', async () => {
    const store = new UploadStore(1024);
    const { path } = store.get(await store.save('a.csv', Readable.from([Buffer.from('x')])));
    await store.close();
    expect(existsSync(path)).toBe(false);
  });
});

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\data.csv', 'data.csv'],
    ['.hidden.csv', 'hidden.csv'],
    ['a<b>:c|d?.csv', 'a_b__c_d_.csv'],
    ['', 'upload'],
    ['..', 'upload'],
  ])('turns %j into %j', (given, safe) => {
    expect(safeFileName(given)).toBe(safe);
  });
});

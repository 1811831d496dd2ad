/**
 * Exports handed to a browser: GET /api/download?id=… serves a file written by a call. The id is the credential
 * (a page cannot put its token header on a navigation, and there is no cookie): single use, short-lived.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { DOWNLOAD_TTL_MS, DownloadStore } from '../../../main/services/download-store.ts';
import { startWebHost, type WebHost } from '../../../main/web/server.ts';

let host: WebHost;
let services: Services;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-downloads-test-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir: dir,
    acceptUploads: true,
  });
  host = await startWebHost({ services, handlers: createHandlers(services), rendererDir: dir, log: () => {} });
});

afterAll(async () => {
  await host.close();
  await closeServices(services);
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/download', () => {
  it('serves a reserved file as an attachment with its name, once, then deletes it', async () => {
    const download = await services.downloads!.reserve('churn Ünïcode model.json');
    await writeFile(download.path, '{"format":"layerlab-model"}');
    expect(download.downloadId).toMatch(/^[0-9a-f-]{36}$/);
    const reply = await get(`/api/download?id=${download.downloadId}`, {});
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('{"format":"layerlab-model"}');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="churn _n_code model.json"; filename*=UTF-8''churn%20%C3%9Cn%C3%AFcode%20model.json`);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['set-cookie']).toBeUndefined();
    const again = await get(`/api/download?id=${download.downloadId}`, { 'x-layerlab-token': host.token });
    expect(again.status, 'used up').toBe(404);
    expect(JSON.parse(again.body).error.message).toMatch(/^That file is no longer available to download \(each export can be downloaded once, within a few minutes/);
    await vi.waitFor(() => expect(existsSync(download.path), 'deleted once sent').toBe(false));
  });

  it('lets an id expire a few minutes after the export, deleting its file', async () => {
    let now = 1_000_000;
    const store = new DownloadStore(() => now);
    const download = await store.reserve('late.csv');
    await writeFile(download.path, 'a\n');
    now += DOWNLOAD_TTL_MS + 1;
    await expect(store.take(download.downloadId)).rejects.toMatchObject({ code: 'unknown-download' });
    const fresh = await store.reserve('fresh.csv');
    await writeFile(fresh.path, 'b\n');
    now += DOWNLOAD_TTL_MS - 1;
    expect((await store.take(fresh.downloadId)).bytes).toBe(2);
    await store.close();
  });

  it('answers an unknown id with a message to export again', async () => {
    const reply = await get('/api/download?id=nope', {});
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown-download' } });
  });
});

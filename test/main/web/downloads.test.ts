/** Exports handed to a browser: GET /api/download?id=… serves a file written by a call, behind the token gate. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
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
  it('serves a reserved file as an attachment with its name, to the token holder only', async () => {
    const download = await services.downloads!.reserve('churn Ünïcode model.json');
    await writeFile(download.path, '{"format":"layerlab-model"}');
    const reply = await get(`/api/download?id=${download.downloadId}`, { 'x-layerlab-token': host.token });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('{"format":"layerlab-model"}');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="churn _n_code model.json"; filename*=UTF-8''churn%20%C3%9Cn%C3%AFcode%20model.json`);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect((await get(`/api/download?id=${download.downloadId}`, {})).status, 'no token, no file').toBe(403);
  });

  it('answers an unknown id with a message to export again', async () => {
    const reply = await get('/api/download?id=nope', { 'x-layerlab-token': host.token });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown-download' } });
  });
});

/**
 * The web host over real HTTP on 127.0.0.1: the token gate (a header, never a cookie), the Host and Origin
 * checks, the refusal of every path, calls, uploads and their caps, and events.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../../main/api/csp.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { UploadStore } from '../../../main/services/upload-store.ts';
import { MAX_CALL_BYTES, startWebHost, type WebHost } from '../../../main/web/server.ts';
import { resolveStatic } from '../../../main/web/static-files.ts';
import { KNOWN_PATH_CALLS, pathProbes } from '../api/path-slots.ts';

let host: WebHost;
let services: Services;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-web-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Layerlab</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'index-AbCdEf12.js'), 'export {};');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  services = {
    ...createServices({
      info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
      samplesDir: 'resources/samples',
      settingsDir: join(dir, 'settings'),
      acceptUploads: true,
    }),
    uploads: new UploadStore(1000),
  };
  host = await startWebHost({ services, handlers: createHandlers(services), rendererDir: join(dir, 'renderer'), log: () => {} });
});

afterAll(async () => {
  await host.close();
  await closeServices(services);
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so that Host, Origin and Content-Length can be anything. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.origin}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = (headers: Record<string, string> = {}) => ({ 'x-layerlab-token': host.token, ...headers });
const json = (payload: unknown, headers: Record<string, string> = withToken()) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(payload),
});

describe('the token gate', () => {
  it('prints an address on 127.0.0.1 whose token is long and random, after # so that no server ever receives it', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page and its assets (the app’s code, no data) without the token, and never sets a cookie', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Layerlab</title>');
    expect((await send('/assets/index-AbCdEf12.js')).status).toBe(200);
    const replies = [page, await send('/api/appInfo', json({})), await send('/api/appInfo', json({}, {})), await send('/?token=old-style')];
    for (const reply of replies) expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['a call', '/api/appInfo', 'POST'],
    ['the event stream', '/api/events', 'GET'],
    ['an upload', '/api/upload?name=a.csv', 'POST'],
  ])('refuses %s without the token (403)', async (_, path, method) => {
    const reply = await send(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^This Layerlab page needs the key it was started with\..*#token=/) });
  });

  it('takes the token from its header only: not from a cookie, not from the address', async () => {
    expect((await send('/api/appInfo', json({}, { cookie: `layerlab_token=${host.token}` }))).status).toBe(403);
    expect((await send(`/api/appInfo?token=${host.token}`, json({}, {}))).status).toBe(403);
    expect((await send('/api/appInfo', json({}))).status).toBe(200);
  });

  it('refuses a wrong token', async () => {
    expect((await send('/api/appInfo', json({}, { 'x-layerlab-token': `${host.token.slice(0, -1)}x` }))).status).toBe(403);
    expect((await send('/api/appInfo', json({}, { 'x-layerlab-token': '' }))).status).toBe(403);
  });

  it('refuses a request naming another host, even with the token (DNS rebinding)', async () => {
    const port = new URL(host.origin).port;
    expect((await send('/', { headers: withToken({ host: `attacker.example:${port}` }) })).status).toBe(403);
    expect((await send('/', { headers: withToken({ host: `localhost:${port}` }) })).status).toBe(403);
    expect((await send('/api/appInfo', json({}, withToken({ host: `attacker.example:${port}` })))).status).toBe(403);
  });

  it('refuses a call from a page of another origin, even with the token', async () => {
    expect((await send('/api/appInfo', json({}, withToken({ origin: 'http://attacker.example' })))).status).toBe(403);
    expect((await send('/api/appInfo', json({}, withToken({ origin: host.origin })))).status).toBe(200);
  });

  it('sends the strict CSP and no-sniff on every answer, refusals included', async () => {
    for (const reply of [await send('/'), await send('/', { headers: withToken() })]) {
      expect(reply.headers['content-security-policy']).toBe(CSP_HEADER);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CSP_HEADER).toContain("script-src 'self'");
    expect(CSP_HEADER).not.toContain('unsafe');
  });
});

describe('calls', () => {
  it('answers a valid call with its envelope', async () => {
    const reply = await send('/api/listSamples', json({}));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).value.map((s: { id: string }) => s.id)).toEqual(['churn', 'titanic', 'iris', 'housing']);
  });

  it('refuses a malformed payload (400), an unknown call (404) and a desktop-only call', async () => {
    const bad = await send('/api/cancel', json({ operationId: 'a', extra: 1 }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid-request');
    expect((await send('/api/shutdown', json({}))).status).toBe(404);
    expect(JSON.parse((await send('/api/chooseFile', json({ purpose: 'data' }))).body).error.code).toBe('unavailable');
  });

  it('refuses bodies that are not JSON, not declared as JSON, or too large', async () => {
    expect((await send('/api/appInfo', { method: 'POST', headers: withToken({ 'content-type': 'application/json' }), body: '{oops' })).status).toBe(400);
    expect((await send('/api/appInfo', { method: 'POST', headers: withToken({ 'content-type': 'text/plain' }), body: '{}' })).status).toBe(415);
    const huge = JSON.stringify({ operationId: 'x'.repeat(MAX_CALL_BYTES) });
    expect((await send('/api/cancel', { method: 'POST', headers: withToken({ 'content-type': 'application/json' }), body: huge })).status).toBe(413);
    expect((await send('/api/appInfo', { method: 'GET', headers: withToken() })).status).toBe(405);
  });
});

describe('paths: uploads in, downloads out, nothing else', () => {
  it('refuses, with a 400 naming the rule, every path-valued source or destination of every call of the contract', async () => {
    const probes = pathProbes();
    expect(new Set(probes.map((p) => p.call)), 'the walk covers at least every call known to take a path').toEqual(new Set(KNOWN_PATH_CALLS));
    const written = join(dir, 'written-by-the-web-host');
    const readable = join(dir, 'secret.txt');
    for (const probe of probes) {
      const reply = await send(`/api/${probe.call}`, json(probe.payload(probe.use === 'write' ? written : readable)));
      expect(reply.status, `${probe.call} ${probe.where}`).toBe(400);
      const { error } = JSON.parse(reply.body);
      expect(error.code, `${probe.call} ${probe.where}`).toBe('path-refused');
      expect(error.message).toMatch(/^The browser version of Layerlab never opens or writes a path on this computer .*: files come in as uploads and go out as downloads\./);
      expect(reply.body, 'nothing of the file comes back').not.toContain('outside the renderer');
    }
    expect(existsSync(written), 'nothing was written').toBe(false);
  });

  it('lists no recent files: a browser could not open them, and they are nobody else’s business', async () => {
    await services.recent.add(join(dir, 'secret.txt'));
    expect(JSON.parse((await send('/api/listRecentFiles', json({}))).body)).toEqual({ ok: true, value: [] });
  });
});

describe('static files', () => {
  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const reply = await send(path, { headers: withToken() });
      expect(reply.body, path).not.toContain('outside the renderer');
    }
  });

  it('resolves request paths inside the root only, and only for known file types', () => {
    const root = '/srv/renderer';
    expect(resolveStatic(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStatic(root, '/assets/app-1234abcd.js')).toBe('/srv/renderer/assets/app-1234abcd.js');
    expect(resolveStatic(root, '/../../etc/passwd.js')).toBe('/srv/renderer/etc/passwd.js');
    expect(resolveStatic(root, '/assets/..%2f..%2f..%2fetc%2fshadow.css')).toBe('/srv/renderer/etc/shadow.css');
    expect(resolveStatic(root, '/.env')).toBeNull();
    expect(resolveStatic(root, '/a%00.js')).toBeNull();
    expect(resolveStatic(root, '/%E0%A4%A')).toBeNull();
  });

  it('serves a page it has read from memory: a busy disk cannot delay it, and one host serves one build', async () => {
    const page = join(dir, 'renderer', 'index.html');
    const first = await send('/', { headers: withToken() });
    await writeFile(page, '<!doctype html><title>Rebuilt</title>');
    try {
      expect((await send('/', { headers: withToken() })).body).toBe(first.body);
    } finally {
      await writeFile(page, first.body);
    }
  });

  it('lets hashed assets be cached for good and keeps index.html fresh', async () => {
    expect((await send('/assets/index-AbCdEf12.js', { headers: withToken() })).headers['cache-control']).toContain('immutable');
    expect((await send('/', { headers: withToken() })).headers['cache-control']).toBe('no-store');
  });
});

describe('uploads and events', () => {
  it('accepts an upload and opens it with openDataset', async () => {
    const upload = await send('/api/upload?name=tiny.csv', { method: 'POST', headers: withToken(), body: 'x,y\n1,2\n3,4\n' });
    const { uploadId } = JSON.parse(upload.body).value;
    const opened = JSON.parse((await send('/api/openDataset', json({ operationId: 'o1', source: { kind: 'upload', uploadId } }))).body);
    expect(opened.value).toMatchObject({ name: 'tiny.csv', origin: 'upload', rowCount: 2 });
  });

  it('refuses more uploads waiting at once than the cap, saying why and what to do', async () => {
    const uploads = services.uploads!;
    const waiting: string[] = [];
    for (let i = 0; i < uploads.limits.maxFiles; i++) {
      const reply = await send(`/api/upload?name=w${i}.csv`, { method: 'POST', headers: withToken(), body: 'a\n1\n' });
      waiting.push(JSON.parse(reply.body).value.uploadId);
    }
    const refused = await send('/api/upload?name=one-more.csv', { method: 'POST', headers: withToken(), body: 'a\n1\n' });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'too-many-uploads', message: expect.stringMatching(/^one-more\.csv was not taken: 8 uploaded files are already waiting to be opened .*then try again\.$/) });
    for (const id of waiting) await uploads.discard(id);
    expect((await send('/api/upload?name=now.csv', { method: 'POST', headers: withToken(), body: 'a\n1\n' })).status).toBe(200);
  });

  it('refuses an upload larger than the limit with a message, before reading it', async () => {
    const reply = await send('/api/upload?name=big.csv', { method: 'POST', headers: withToken(), body: Buffer.alloc(2000, 97) });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.message).toMatch(/^big\.csv is larger than the/);
  });

  it('streams pushed events to the browser as Server-Sent Events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(`${host.origin}/api/events`, { headers: withToken() }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('retry:') && !text.includes('data:')) services.events.publish({ type: 'command', command: { kind: 'toggle-theme' } });
          if (text.includes('\n\ndata:') && text.endsWith('\n\n')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('data: {"type":"command","command":{"kind":"toggle-theme"}}\n\n');
  });
});

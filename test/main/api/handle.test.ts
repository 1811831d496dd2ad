import { describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '../../../engine/errors.ts';
import { callNames, calls, MAX_ROWS_PER_REQUEST } from '../../../main/api/contract.ts';
import { anyPath } from './api-test-kit.ts';
import { createDispatch, handle, trustOrigin, type Handlers, type Sender } from '../../../main/api/handle.ts';

const ORIGIN = 'app://layerlab';
const trusted: Sender = { authenticated: true, origin: ORIGIN, topFrame: true };
const policy = trustOrigin(ORIGIN);

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => Promise.reject(new Error('not called in this test'));
  const others = Object.fromEntries(callNames.filter((name) => !calls[name].desktopOnly).map((name) => [name, unused])) as unknown as Handlers;
  return {
    ...others,
    appInfo: async () => ({ name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } }),
    listSamples: unused,
    listRecentFiles: unused,
    openDataset: unused,
    datasetRows: unused,
    cancel: async ({ operationId }) => ({ cancelled: operationId === 'running' }),
    ...overrides,
  } as Handlers; // spreading a Partial makes every call optional; `others` fills them all
}

describe('handle(): the sender', () => {
  it.each([
    ['an unauthenticated caller', { ...trusted, authenticated: false }],
    ['a page from another origin', { ...trusted, origin: 'https://evil.example' }],
    ['a file:// page', { ...trusted, origin: 'file://' }],
    ['a subframe of the app', { ...trusted, topFrame: false }],
    ['a sender without an origin', { ...trusted, origin: null }],
  ])('refuses %s before looking at the payload', async (_, sender) => {
    const handler = vi.fn(async () => ({ cancelled: true }));
    const result = await handle('cancel', handler, policy, () => {})({ operationId: 'x' }, sender);
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('did not come from a Layerlab window') } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets a trusted sender through', async () => {
    expect(await handle('cancel', handlers().cancel, policy, () => {})({ operationId: 'running' }, trusted)).toEqual({ ok: true, value: { cancelled: true } });
  });
});

describe('handle(): the payload, against the contract', () => {
  const dispatch = createDispatch(handlers(), policy, () => {}, anyPath);
  const refused = async (name: string, payload: unknown) => {
    const result = await dispatch(name, payload, trusted);
    if (result.ok) throw new Error(`${name} accepted ${JSON.stringify(payload)}`);
    return result.error;
  };

  it.each([
    ['a field of the wrong type', 'cancel', { operationId: 42 }, 'operationId'],
    ['a missing field', 'openDataset', { source: { kind: 'sample', sampleId: 'iris' } }, 'operationId'],
    ['an extra field', 'cancel', { operationId: 'a', force: true }, 'force'],
    ['an extra field on an empty request', 'appInfo', { debug: true }, 'debug'],
    ['an unknown source kind', 'openDataset', { operationId: 'a', source: { kind: 'url', url: 'http://x' } }, 'source.kind'],
    ['an id with path separators', 'openDataset', { operationId: 'a', source: { kind: 'sample', sampleId: '../../etc/passwd' } }, 'source.sampleId'],
    ['an oversize path', 'openDataset', { operationId: 'a', source: { kind: 'path', path: 'x'.repeat(4097) } }, 'source.path'],
    ['an oversize id', 'cancel', { operationId: 'a'.repeat(65) }, 'operationId'],
    ['a request for too many rows at once', 'datasetRows', { datasetId: 'd', start: 0, count: MAX_ROWS_PER_REQUEST + 1 }, 'count'],
    ['a negative start row', 'datasetRows', { datasetId: 'd', start: -1, count: 10 }, 'start'],
    ['a fractional row count', 'datasetRows', { datasetId: 'd', start: 0, count: 1.5 }, 'count'],
    ['no payload at all', 'cancel', undefined, ''],
    ['an array instead of an object', 'appInfo', [], ''],
  ])('rejects %s with invalid-request, naming where', async (_, name, payload, where) => {
    const error = await refused(name, payload);
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(`The call ${name} was refused because its request is malformed (${where || 'payload'}: expected`);
  });

  it('rejects a call the contract does not declare', async () => {
    expect(await refused('readFile', { path: '/etc/passwd' })).toEqual({ code: 'unknown-call', message: 'Layerlab has no call named "readFile".' });
    expect((await refused('__proto__', {})).code).toBe('unknown-call');
    expect((await refused('constructor', {})).code).toBe('unknown-call');
  });

  it('answers unavailable for a desktop-only call the transport has no handler for', async () => {
    expect((await refused('chooseFile', { purpose: 'data' })).code).toBe('unavailable');
  });
});

describe('handle(): errors', () => {
  it('keeps the code and message of a user-facing error', async () => {
    const dispatch = createDispatch(
      handlers({ cancel: async () => Promise.reject(new UserFacingError('file-not-found', 'a.csv does not exist. Check the path and try again.')) }),
      policy,
      () => {},
    );
    expect(await dispatch('cancel', { operationId: 'a' }, trusted)).toEqual({
      ok: false,
      error: { code: 'file-not-found', message: 'a.csv does not exist. Check the path and try again.' },
    });
  });

  it('reports any other failure as internal, logs it, and does not leak its stack', async () => {
    const log = vi.fn();
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    const dispatch = createDispatch(handlers({ cancel: async () => Promise.reject(bug) }), policy, log);
    const result = await dispatch('cancel', { operationId: 'a' }, trusted);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          "Layerlab hit an internal error during cancel (Cannot read properties of undefined (reading 'rows')). Nothing was changed; try again, and report it if it happens again.",
      },
    });
    expect(log).toHaveBeenCalledWith(bug);
  });
});

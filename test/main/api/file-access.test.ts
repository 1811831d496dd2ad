/**
 * The desktop's rule for paths, without Electron: a window may name only paths the user chose in the app's own
 * dialogs (open: read, save: write), dropped on the window, or that are in the recent list (read). The gate holds
 * every path slot of every contract call to it before the payload is even validated.
 */
import type { BrowserWindow, Dialog, IpcMainEvent } from 'electron';
import { copyFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { fileAccessErrors, GrantedPaths, noPaths, WebPaths } from '../../../main/api/file-access.ts';
import { createDispatch, trustOrigin, type Handlers, type Sender } from '../../../main/api/handle.ts';
import { pathsIn } from '../../../main/api/validate.ts';
import { calls } from '../../../main/api/contract.ts';
import { APP_ORIGIN, DROPPED_FILE_CHANNEL } from '../../../main/shell/channels.ts';
import { fileDialogHandlers } from '../../../main/shell/file-dialogs.ts';
import { registerDropGrants } from '../../../main/shell/ipc.ts';
import { KNOWN_PATH_CALLS, pathProbes } from './path-slots.ts';

const sender: Sender = { authenticated: true, origin: APP_ORIGIN, topFrame: true };
const context = { sender };

/** Handlers that only say they ran: whether the gate let a call through is all that matters here. */
const ran = new Proxy({}, { get: (_, name) => async () => ({ ran: String(name) }) }) as Handlers;

function fakeDialog(open: string | null, save: string | null) {
  return {
    showOpenDialog: vi.fn(async () => ({ canceled: open === null, filePaths: open === null ? [] : [open] })),
    showSaveDialog: vi.fn(async () => ({ canceled: save === null, filePath: save ?? undefined })),
  } as unknown as Dialog;
}

describe('the contract’s path slots', () => {
  it('are found in every call that takes a source or a destination, with what each is used for', () => {
    const probes = pathProbes();
    expect(new Set(probes.map((p) => p.call))).toEqual(new Set(KNOWN_PATH_CALLS));
    expect(probes.filter((p) => p.use === 'write').map((p) => p.call).sort()).toEqual(['exportModel', 'saveCleanedCsv', 'savePredictions', 'saveProject', 'saveReport']);
    expect(probes.find((p) => p.call === 'openDataset')?.where).toBe('source.kind=path.path');
  });

  it('are read from the payload as sent, own fields only, and only under the variant that holds a path', () => {
    const slots = calls.openDataset.request.pathSlots!;
    expect(pathsIn(slots, { operationId: 'o', source: { kind: 'path', path: '/a.csv' } })).toEqual([{ path: '/a.csv', use: 'read' }]);
    expect(pathsIn(slots, { operationId: 'o', source: { kind: 'sample', sampleId: 'iris' } })).toEqual([]);
    expect(pathsIn(slots, { source: Object.create({ kind: 'path', path: '/inherited' }) })).toEqual([]);
    expect(pathsIn(slots, null)).toEqual([]);
  });
});

describe('GrantedPaths (the desktop)', () => {
  it('refuses, for every path slot of every call, a path the user never chose, before the payload is validated', async () => {
    const dispatch = createDispatch(ran, trustOrigin(APP_ORIGIN), () => {}, new GrantedPaths(async () => []));
    for (const probe of pathProbes()) {
      const envelope = await dispatch(probe.call, probe.payload('/home/ada/.ssh/id_ed25519'), sender);
      expect(envelope, `${probe.call} ${probe.where}`).toEqual({ ok: false, error: fileAccessErrors.notGranted('/home/ada/.ssh/id_ed25519', probe.use) });
    }
  });

  it('lets through what the open dialog gave (read only) and what the save dialog gave (write only)', async () => {
    const grants = new GrantedPaths(async () => []);
    const dialogs = fileDialogHandlers(fakeDialog('/home/ada/churn.csv', '/home/ada/out/model.json'), () => undefined, grants);
    expect(await dialogs.chooseFile({ purpose: 'data' }, context)).toEqual({ path: '/home/ada/churn.csv' });
    expect(await dialogs.chooseSaveLocation({ purpose: 'model', suggestedName: 'model.json' }, context)).toEqual({ path: '/home/ada/out/model.json' });
    expect(await grants.refusal('/home/ada/churn.csv', 'read')).toBeNull();
    expect(await grants.refusal('/home/ada/out/model.json', 'write')).toBeNull();
    expect(await grants.refusal('/home/ada/churn.csv', 'write'), 'an opened file is not overwritten').toMatchObject({ code: 'path-not-granted' });
    expect(await grants.refusal('/home/ada/out/model.json', 'read')).toMatchObject({ code: 'path-not-granted' });
    expect(await grants.refusal('/home/ada/out/../churn.csv', 'read'), 'the same file, spelt otherwise').toBeNull();
    expect(await grants.refusal('/home/ada/churn.csv/../.bashrc', 'read')).toMatchObject({ code: 'path-not-granted' });

    const dispatch = createDispatch(ran, trustOrigin(APP_ORIGIN), () => {}, grants);
    expect(await dispatch('openDataset', { operationId: 'o', source: { kind: 'path', path: '/home/ada/churn.csv' } }, sender)).toEqual({ ok: true, value: { ran: 'openDataset' } });
    expect(await dispatch('savePredictions', { predictionId: 'p', destination: { kind: 'path', path: '/home/ada/churn.csv' } }, sender)).toMatchObject({
      ok: false,
      error: { code: 'path-not-granted', message: expect.stringMatching(/^Layerlab writes only where its own save dialog was pointed/) },
    });
  });

  it('grants what chooseFile gives, and nothing when the dialog is closed', async () => {
    const grants = new GrantedPaths(async () => []);
    expect(await fileDialogHandlers(fakeDialog(null, null), () => undefined, grants).chooseFile({ purpose: 'model' }, context)).toBeNull();
    await fileDialogHandlers(fakeDialog('/m/model.json', null), () => ({}) as BrowserWindow, grants).chooseFile({ purpose: 'model' }, context);
    expect(await grants.refusal('/m/model.json', 'read')).toBeNull();
  });

  it('reads files of the recent list, but never writes them', async () => {
    const grants = new GrantedPaths(async () => ['/home/ada/titanic.csv']);
    expect(await grants.refusal('/home/ada/titanic.csv', 'read')).toBeNull();
    expect(await grants.refusal('/home/ada/titanic.csv', 'write')).toMatchObject({ code: 'path-not-granted' });
  });

  it("grants a dropped file's path when the app window's preload reports it, and nothing from anyone else", () => {
    const grants = new GrantedPaths(async () => []);
    const grant = vi.spyOn(grants, 'grant');
    let listener: ((event: IpcMainEvent, path: unknown) => void) | null = null;
    registerDropGrants({ on: (channel, l) => ((listener = channel === DROPPED_FILE_CHANNEL ? (l as never) : listener), undefined as never) }, grants, (id) => id === 7, trustOrigin(APP_ORIGIN));
    const send = (id: number, url: string, path: unknown) => {
      const event = { sender: { id }, senderFrame: { url, parent: null }, returnValue: undefined } as unknown as IpcMainEvent;
      listener!(event, path);
      return event.returnValue;
    };
    expect(send(7, 'app://layerlab/index.html', '/home/ada/dropped.csv'), 'the preload waits for this answer').toBeNull();
    send(8, 'app://layerlab/index.html', '/etc/shadow');
    send(7, 'https://example.com/', '/etc/passwd');
    send(7, 'app://layerlab/index.html', { path: '/x' });
    expect(grant.mock.calls).toEqual([['/home/ada/dropped.csv', 'read']]);
  });
});

describe('a project reopened on the desktop', () => {
  it('lets the window open the data file main found for it, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-granted-'));
    const services = createServices({
      info: { name: 'Layerlab', version: '0', transport: 'electron', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
      samplesDir: 'resources/samples',
      settingsDir: join(dir, 'settings'),
      acceptUploads: false,
    });
    try {
      const handlers = createHandlers(services);
      const data = join(dir, 'iris.csv');
      copyFileSync('resources/samples/iris.csv', data);
      const { datasetId } = await handlers.openDataset({ operationId: 'o', source: { kind: 'path', path: data } }, context);
      const project = join(dir, 'iris.layerlab');
      await handlers.saveProject({ destination: { kind: 'path', path: project }, name: 'Iris', datasetId }, context);
      const grants = services.files as GrantedPaths;
      const dispatch = createDispatch(handlers, trustOrigin(APP_ORIGIN), () => {}, grants);
      expect(await dispatch('openProject', { source: { kind: 'path', path: project } }, sender)).toMatchObject({ ok: false, error: { code: 'path-not-granted' } });
      grants.grant(project, 'read');
      expect(await dispatch('openProject', { source: { kind: 'path', path: project } }, sender)).toMatchObject({ ok: true, value: { dataset: { status: 'ok', path: data } } });
      expect(await dispatch('locateProjectData', { operationId: 'd', source: { kind: 'path', path: data } }, sender)).toMatchObject({ ok: true, value: { status: 'opened' } });
      expect(await grants.refusal(join(dir, 'other.csv'), 'read')).toMatchObject({ code: 'path-not-granted' });
    } finally {
      await closeServices(services);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('WebPaths (the web host)', () => {
  it('refuses every path a page names, and reads back only what main offered (its own sample), never writing it', async () => {
    const web = new WebPaths();
    expect(web.pathsAllowed).toBe(false);
    expect(await web.refusal('/srv/samples/iris.csv', 'read')).toMatchObject({ code: 'path-refused' });
    web.offer('/srv/samples/iris.csv');
    expect(await web.refusal('/srv/samples/../samples/iris.csv', 'read')).toBeNull();
    expect(await web.refusal('/srv/samples/iris.csv', 'write')).toMatchObject({ code: 'path-refused' });
    expect(await web.refusal('/srv/samples/titanic.csv', 'read')).toMatchObject({ code: 'path-refused' });
  });
});

describe('noPaths (a transport that names no rule)', () => {
  it('refuses every path, and a transport that names no rule gets this one', async () => {
    expect(noPaths.pathsAllowed).toBe(false);
    expect(await noPaths.refusal('/tmp/a.csv', 'read')).toMatchObject({ code: 'path-refused' });
    const dispatch = createDispatch(ran, trustOrigin(APP_ORIGIN), () => {});
    expect(await dispatch('openModelFile', { source: { kind: 'path', path: '/tmp/model.json' } }, sender)).toMatchObject({ ok: false, error: { code: 'path-refused' } });
    expect(await dispatch('openModelFile', { source: { kind: 'upload', uploadId: 'u1' } }, sender)).toEqual({ ok: true, value: { ran: 'openModelFile' } });
  });
});

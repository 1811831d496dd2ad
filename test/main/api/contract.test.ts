import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callNames, calls } from '../../../main/api/contract.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { createServices } from '../../../main/services/create-services.ts';

describe('the contract', () => {
  it('has a shared handler for every call except the desktop-only ones', async () => {
    const services = createServices({
      info: { name: 'Layerlab', version: '0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
      samplesDir: 'resources/samples',
      settingsDir: await mkdtemp(join(tmpdir(), 'layerlab-contract-')),
      acceptUploads: false,
    });
    const handled = Object.keys(createHandlers(services)).sort();
    expect(handled).toEqual(callNames.filter((name) => !calls[name].desktopOnly).sort());
    expect(callNames.filter((name) => calls[name].desktopOnly).sort()).toEqual(['chooseFile', 'chooseSaveLocation']);
  });

  it('uses no call name that the web host reserves for uploads, downloads and events', () => {
    expect(callNames).not.toContain('upload');
    expect(callNames).not.toContain('download');
    expect(callNames).not.toContain('events');
  });
});

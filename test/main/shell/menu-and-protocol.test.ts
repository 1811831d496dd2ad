import type { MenuItemConstructorOptions } from 'electron';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppCommand, SampleInfo } from '../../../main/api/contract.ts';
import { CSP_HEADER } from '../../../main/api/csp.ts';
import { appProtocolHandler } from '../../../main/shell/app-protocol.ts';
import { menuTemplate } from '../../../main/shell/menu-template.ts';

const iris: SampleInfo = { id: 'iris', title: 'Iris flowers', fileName: 'iris.csv', description: '', task: 'multiclass', target: 'species', rows: 150, columns: 5, bytes: 3858, credit: '' };

function build(overrides: { mac?: boolean; development?: boolean } = {}) {
  const commands: AppCommand[] = [];
  const about = vi.fn();
  const menu = menuTemplate(
    { mac: false, development: false, samples: [iris], recent: [{ path: '/d/churn.csv', name: 'churn.csv', openedAt: '' }], ...overrides },
    { command: (c) => commands.push(c), about },
  );
  const top = (label: string) => menu.find((m) => m.label === label)!.submenu as MenuItemConstructorOptions[];
  const find = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label)!;
  const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();
  return { menu, commands, about, top, find, click };
}

describe('menuTemplate', () => {
  it('has File, Edit, View and Help, plus the app menu on macOS', () => {
    expect(build().menu.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(build({ mac: true }).menu.map((m) => m.label ?? m.role)).toEqual(['appMenu', '&File', '&Edit', '&View', '&Help']);
  });

  it('File: open, recent files, samples, projects and export, quit; each sends its command to the window', () => {
    const { top, find, click, commands } = build();
    const file = top('&File');
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual(['&Open…', 'Open &Recent', '&Samples', 'separator', 'Open &Project…', '&Save Project…', '&Export Model…', 'separator', 'quit']);
    click(find(file, '&Open…'));
    click((find(file, 'Open &Recent').submenu as MenuItemConstructorOptions[])[0]!);
    click((find(file, '&Samples').submenu as MenuItemConstructorOptions[])[0]!);
    for (const label of ['Open &Project…', '&Save Project…', '&Export Model…']) click(find(file, label));
    expect(commands).toEqual([
      { kind: 'open-file' },
      { kind: 'open-path', path: '/d/churn.csv' },
      { kind: 'open-sample', sampleId: 'iris' },
      { kind: 'open-project' },
      { kind: 'save-project' },
      { kind: 'export-model' },
    ]);
  });

  it('shows the shared shortcuts without registering them, so the window handles each key once', () => {
    const { top, find } = build();
    expect(find(top('&File'), '&Open…')).toMatchObject({ accelerator: 'CmdOrCtrl+O', registerAccelerator: false });
    const steps = top('&View').slice(0, 6);
    expect(steps.map((i) => [i.label, i.accelerator, i.registerAccelerator])).toEqual([
      ['Data', 'CmdOrCtrl+1', false],
      ['Clean', 'CmdOrCtrl+2', false],
      ['Build', 'CmdOrCtrl+3', false],
      ['Train', 'CmdOrCtrl+4', false],
      ['Evaluate', 'CmdOrCtrl+5', false],
      ['Predict & export', 'CmdOrCtrl+6', false],
    ]);
  });

  it('Edit: undo and redo go to the window (the recipe history, or the focused field); View has reload and DevTools only in development', () => {
    const { top, click, commands } = build();
    const [undo, redo] = top('&Edit');
    expect([undo!.label, redo!.label]).toEqual(['&Undo', '&Redo']);
    click(undo!);
    click(redo!);
    expect(commands).toEqual([{ kind: 'undo' }, { kind: 'redo' }]);
    expect(top('&View').map((i) => i.role)).not.toContain('toggleDevTools');
    expect(build({ development: true }).top('&View').map((i) => i.role)).toContain('toggleDevTools');
  });

  it('Help opens the shortcut list and the About box', () => {
    const { top, find, click, commands, about } = build();
    click(find(top('&Help'), '&Keyboard Shortcuts'));
    click(find(top('&Help'), '&About Layerlab'));
    expect(commands).toEqual([{ kind: 'show-shortcuts' }]);
    expect(about).toHaveBeenCalledOnce();
  });

  it('says so when there are no recent files', () => {
    const menu = menuTemplate({ mac: false, development: false, samples: [], recent: [] }, { command: () => {}, about: () => {} });
    const file = menu[0]!.submenu as MenuItemConstructorOptions[];
    expect((file[1]!.submenu as MenuItemConstructorOptions[])[0]).toEqual({ label: 'No recent files', enabled: false });
  });
});

describe('appProtocolHandler', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'layerlab-protocol-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    await writeFile(join(dir, 'secret.js'), 'outside');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer with the CSP header', async () => {
    const response = await appProtocolHandler(join(dir, 'renderer'))(new Request('app://layerlab/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('answers 404 for other hosts, missing files and paths that climb out', async () => {
    const handler = appProtocolHandler(join(dir, 'renderer'));
    for (const url of ['app://elsewhere/index.html', 'app://layerlab/missing.js', 'app://layerlab/..%2fsecret.js']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { commandForKey, formatAccelerator, matchesAccelerator, SHORTCUTS, type KeyPress } from '../../../main/api/shortcuts.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[0-9]$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('reads CmdOrCtrl as Ctrl on Windows and Linux, ⌘ on macOS, and wants the other one up', () => {
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { metaKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { metaKey: true }), true)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { ctrlKey: true, metaKey: true }), true)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o'), false)).toBe(false);
  });

  it('requires exactly the modifiers named', () => {
    expect(matchesAccelerator('CmdOrCtrl+Shift+L', press('L', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Shift+L', press('l', { ctrlKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+O', press('O', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesAccelerator('F1', press('F1'), false)).toBe(true);
    expect(matchesAccelerator('F1', press('F1', { altKey: true }), false)).toBe(false);
  });

  it('matches digits by key position, so Ctrl+1 works on layouts where that key types another character', () => {
    expect(matchesAccelerator('CmdOrCtrl+1', { ...press('&', { ctrlKey: true }), code: 'Digit1' }, false)).toBe(true);
  });

  it('maps each step to its number and has no two shortcuts on the same keys', () => {
    expect(commandForKey(press('3', { ctrlKey: true }), false)).toEqual({ kind: 'go-to-step', step: 'build' });
    expect(commandForKey(press('x', { ctrlKey: true }), false)).toBeNull();
    expect(new Set(SHORTCUTS.map((s) => s.accelerator)).size).toBe(SHORTCUTS.length);
  });

  it('writes accelerators the way each platform does', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+L', false)).toBe('Ctrl+Shift+L');
    expect(formatAccelerator('CmdOrCtrl+Shift+L', true)).toBe('⇧⌘L');
    expect(formatAccelerator('F1', false)).toBe('F1');
  });
});

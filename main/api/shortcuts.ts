/**
 * Keyboard shortcuts, once: the renderer handles the keys (in the desktop app and in a browser alike) and the
 * desktop menus display the same accelerators without registering them, so a key can never fire twice.
 * Accelerators use Electron's syntax (`CmdOrCtrl+Shift+L`).
 */
import type { AppCommand } from './contract.ts';
import { STEPS } from './steps.ts';

export interface Shortcut {
  readonly accelerator: string;
  readonly label: string;
  readonly command: AppCommand;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { accelerator: 'CmdOrCtrl+O', label: 'Open a file', command: { kind: 'open-file' } },
  ...STEPS.map((step, i) => ({ accelerator: `CmdOrCtrl+${i + 1}`, label: `Go to ${step.label}`, command: { kind: 'go-to-step', step: step.id } as const })),
  { accelerator: 'CmdOrCtrl+Shift+L', label: 'Switch between light and dark', command: { kind: 'toggle-theme' } },
  { accelerator: 'F1', label: 'Show keyboard shortcuts', command: { kind: 'show-shortcuts' } },
];

export interface KeyPress {
  readonly key: string;
  /** The physical key: digits are matched by position, so Ctrl+1 works on AZERTY keyboards too. */
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

interface Parsed {
  readonly key: string;
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

function parse(accelerator: string): Parsed {
  const parts = accelerator.split('+');
  return {
    key: parts.at(-1)!.toLowerCase(),
    mod: parts.includes('CmdOrCtrl'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
  };
}

/** Whether a key press is this accelerator; CmdOrCtrl is ⌘ on macOS and Ctrl elsewhere, and the other one must be up. */
export function matchesAccelerator(accelerator: string, press: KeyPress, mac: boolean): boolean {
  const want = parse(accelerator);
  const mod = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const noMod = !press.metaKey && !press.ctrlKey;
  const key = /^[0-9]$/.test(want.key) ? press.code === `Digit${want.key}` || press.key === want.key : press.key.toLowerCase() === want.key;
  return key && (want.mod ? mod : noMod) && press.shiftKey === want.shift && press.altKey === want.alt;
}

/** The accelerator as the platform writes it: `Ctrl+Shift+L`, or `⇧⌘L` on macOS. */
export function formatAccelerator(accelerator: string, mac: boolean): string {
  const { key, mod, shift, alt } = parse(accelerator);
  const name = key.toUpperCase();
  if (mac) return `${alt ? '⌥' : ''}${shift ? '⇧' : ''}${mod ? '⌘' : ''}${name}`;
  return [mod && 'Ctrl', alt && 'Alt', shift && 'Shift', name].filter(Boolean).join('+');
}

export function commandForKey(press: KeyPress, mac: boolean): AppCommand | null {
  return SHORTCUTS.find((shortcut) => matchesAccelerator(shortcut.accelerator, press, mac))?.command ?? null;
}

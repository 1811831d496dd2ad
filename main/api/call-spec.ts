/**
 * How a call is declared: its payload validator, its response type and whether it needs the desktop. The
 * contract (main/api/contract.ts) and the per-area call lists (main/api/calls/) build on this file alone,
 * so the areas can grow without importing each other.
 */
import { v, type Validator } from './validate.ts';

export interface CallSpec<Req, Res, Desktop extends boolean = boolean> {
  readonly request: Validator<Req>;
  /** Calls that need the desktop (native dialogs) answer `unavailable` in the web host. */
  readonly desktopOnly: Desktop;
  /** Never set: carries the response type. */
  readonly response?: Res;
}

export function call<Req, const Desktop extends boolean = false>(request: Validator<Req>, options?: { desktopOnly: Desktop }) {
  const desktopOnly = (options?.desktopOnly ?? false) as Desktop;
  return { returns: <Res>(): CallSpec<Req, Res, Desktop> => ({ request, desktopOnly }) };
}

export const none = v.object({});
/** Ids the renderer echoes back: operation ids it makes up, dataset and upload ids main gave it. */
export const id = v.string({ min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
/** A file main reads (`source`) or writes (`destination`): the web host refuses both, the desktop checks them (main/api/file-access.ts). */
export const readPath = v.filePath('read');
export const writePath = v.filePath('write');

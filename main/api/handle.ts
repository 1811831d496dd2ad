/**
 * The one gate every call passes, whichever transport carried it: the sender is checked, then every path the
 * payload names is held to the transport's rule (main/api/file-access.ts), then the payload is validated against
 * the contract, then the handler runs; whatever happens, the caller gets an Envelope.
 * User-facing errors keep their code and message; anything else is logged here and reported as `internal`.
 */
import { isUserFacingError } from '../../engine/errors.ts';
import { callNames, calls, type ApiErrorBody, type CallName, type DesktopOnlyCall, type Envelope, type RequestOf, type ResponseOf } from './contract.ts';
import { noPaths, type FileAccess } from './file-access.ts';
import { pathsIn, ValidationError } from './validate.ts';

/** Who made a call, as the transport established it. */
export interface Sender {
  /** Electron: the call came from one of the app's windows. Web: it carried the launch token. */
  readonly authenticated: boolean;
  /** Origin of the calling document (Electron: the sending frame's URL; web: the Origin header or the host's own). */
  readonly origin: string | null;
  /** False when the call came from a subframe. */
  readonly topFrame: boolean;
}

export type SenderPolicy = (sender: Sender) => boolean;

/** Only authenticated top-level documents served from `origin` may call. */
export function trustOrigin(origin: string): SenderPolicy {
  return (sender) => sender.authenticated && sender.topFrame && sender.origin === origin;
}

export interface CallContext {
  readonly sender: Sender;
}

export type Handler<K extends CallName> = (request: RequestOf<K>, context: CallContext) => Promise<ResponseOf<K>>;

/** A handler for every call; desktop-only calls may be left out (the web host has no native dialogs). */
export type Handlers = { readonly [K in Exclude<CallName, DesktopOnlyCall>]: Handler<K> } & { readonly [K in DesktopOnlyCall]?: Handler<K> };

/** The handlers of one area's calls (main/api/calls/): desktop-only ones may be left out, as in `Handlers`. */
export type AreaHandlers<Area> = {
  readonly [K in Exclude<keyof Area & CallName, DesktopOnlyCall>]: Handler<K>;
} & { readonly [K in Extract<keyof Area & CallName, DesktopOnlyCall>]?: Handler<K> };

export type Dispatch = (name: string, payload: unknown, sender: Sender) => Promise<Envelope<unknown>>;

export const apiErrors = {
  unknownCall: (name: string): ApiErrorBody => ({ code: 'unknown-call', message: `Layerlab has no call named "${name.slice(0, 64)}".` }),
  forbidden: (name: string): ApiErrorBody => ({
    code: 'forbidden',
    message: `The call ${name} was refused: it did not come from a Layerlab window.`,
  }),
  invalid: (name: string, error: ValidationError): ApiErrorBody => ({
    code: 'invalid-request',
    message: `The call ${name} was refused because its request is malformed (${error.message}). This is a bug in Layerlab; nothing was changed.`,
  }),
  unavailable: (name: string): ApiErrorBody => ({
    code: 'unavailable',
    message: `${name} needs the desktop app; it is not available in the browser version.`,
  }),
  internal: (name: string, error: unknown): ApiErrorBody => ({
    code: 'internal',
    message: `Layerlab hit an internal error during ${name} (${error instanceof Error ? error.message : String(error)}). Nothing was changed; try again, and report it if it happens again.`,
  }),
};

/** Wraps one handler with the sender check, the payload validation and the error envelope. */
export function handle<K extends CallName>(
  name: K,
  handler: Handler<K> | undefined,
  policy: SenderPolicy,
  log: (error: unknown) => void,
  files: FileAccess = noPaths,
): (payload: unknown, sender: Sender) => Promise<Envelope<ResponseOf<K>>> {
  const spec = calls[name];
  const slots = spec.request.pathSlots ?? [];
  return async (payload, sender) => {
    if (!policy(sender)) return { ok: false, error: apiErrors.forbidden(name) };
    for (const { path, use } of pathsIn(slots, payload)) {
      const refusal = await files.refusal(path, use);
      if (refusal) return { ok: false, error: refusal };
    }
    let request: RequestOf<K>;
    try {
      request = spec.request.parse(payload) as RequestOf<K>;
    } catch (error) {
      if (error instanceof ValidationError) return { ok: false, error: apiErrors.invalid(name, error) };
      throw error;
    }
    if (!handler) return { ok: false, error: apiErrors.unavailable(name) };
    try {
      return { ok: true, value: await handler(request, { sender }) };
    } catch (error) {
      if (isUserFacingError(error)) return { ok: false, error: { code: error.code, message: error.message } };
      log(error);
      return { ok: false, error: apiErrors.internal(name, error) };
    }
  };
}

/**
 * One `handle()`-wrapped entry per contract call, looked up by the name the transport received. `files` is the
 * transport's rule for paths; without one, every path is refused.
 */
export function createDispatch(handlers: Handlers, policy: SenderPolicy, log: (error: unknown) => void, files: FileAccess = noPaths): Dispatch {
  const byName = handlers as Partial<Record<CallName, Handler<CallName>>>;
  const table = new Map<string, (payload: unknown, sender: Sender) => Promise<Envelope<unknown>>>();
  for (const name of callNames) table.set(name, handle(name, byName[name], policy, log, files));
  return async (name, payload, sender) => {
    const entry = table.get(name);
    return entry ? entry(payload, sender) : { ok: false, error: apiErrors.unknownCall(name) };
  };
}

/**
 * The host-independent IPC router: a plain table of handlers and one `dispatch` that every host
 * (Electron's ipcMain.handle, the Playwright harness's exposeBinding, tests) calls the same way.
 *
 * Order per call: sender check → channel lookup → argument schema → handler → result schema →
 * envelope. Nothing thrown escapes: every failure becomes `{ ok:false, error:{ code, message } }`.
 */
import type { z } from 'zod';
import { methods, type ParsedArgsOf, type ResultOf } from './contract.js';
import { IpcError, type Envelope, type ErrorCode, type ErrorInfo } from './envelope.js';
import { methodOfChannel, type InvokeMethod } from './names.js';
import { checkSender, type SenderInfo, type SenderPolicy } from './sender.js';

/** One handler per method: gets the host's context and already-validated arguments. */
export type HandlerTable<Ctx> = {
  readonly [M in InvokeMethod]: (ctx: Ctx, args: ParsedArgsOf<M>) => Promise<ResultOf<M>>;
};

export interface RouterLog {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface RouterHost<Ctx> {
  readonly table: HandlerTable<Ctx>;
  readonly ctx: Ctx;
  readonly senderPolicy: SenderPolicy;
  readonly log?: RouterLog;
}

/** Core errors (electron/core/graph/app-error.ts) carry snake_case codes; map them to the contract's. */
const CORE_CODE_MAP: Readonly<Record<string, ErrorCode>> = {
  offline: 'offline',
  missing_scope: 'missingPermission',
  missing_role: 'missingPermission',
  no_premium_licence: 'missingPermission',
  auth_required: 'signInRequired',
  interaction_required: 'signInRequired',
  consent_required: 'missingPermission',
  cancelled: 'cancelled',
  import_refused: 'invalidInput',
  profile_invalid: 'invalidInput',
  not_found: 'notFound',
  profile_not_found: 'notFound',
  tenant_not_found: 'notFound',
  invalid_input: 'invalidInput',
  bad_request: 'preconditionFailed',
  throttled: 'offline',
};

/** Turn anything a handler threw into an error the UI can show. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof IpcError) return { code: error.code, message: error.message };
  if (error instanceof Error) {
    const coreCode = (error as { code?: unknown }).code;
    const mapped = typeof coreCode === 'string' ? CORE_CODE_MAP[coreCode] : undefined;
    return { code: mapped ?? 'internal', message: error.message || error.name };
  }
  return { code: 'internal', message: typeof error === 'string' ? error : 'unexpected failure' };
}

/** A short, readable summary of a zod failure ("limit: Too big: expected number to be <=500"). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

export async function dispatch<Ctx>(
  host: RouterHost<Ctx>,
  channel: string,
  rawArgs: unknown,
  sender: SenderInfo | null | undefined,
): Promise<Envelope<unknown>> {
  const verdict = checkSender(sender, host.senderPolicy);
  if (!verdict.allowed) {
    host.log?.warn('IPC refused: untrusted sender', { channel, reason: verdict.reason });
    return { ok: false, error: { code: 'forbiddenSender', message: `refused: ${verdict.reason}` } };
  }
  const method = methodOfChannel(channel);
  if (!method) {
    host.log?.warn('IPC refused: unknown channel', { channel: String(channel).slice(0, 100) });
    return { ok: false, error: { code: 'unknownChannel', message: `unknown channel ${String(channel).slice(0, 100)}` } };
  }
  const spec = methods[method];
  const parsedArgs = spec.args.safeParse(rawArgs);
  if (!parsedArgs.success) {
    return { ok: false, error: { code: 'invalidArguments', message: describeIssues(parsedArgs.error) } };
  }
  let value: unknown;
  try {
    const handler = host.table[method] as (ctx: Ctx, args: unknown) => Promise<unknown>;
    value = await handler(host.ctx, parsedArgs.data);
  } catch (error) {
    const info = toErrorInfo(error);
    if (info.code === 'internal') host.log?.error('IPC handler failed', { method, message: info.message });
    return { ok: false, error: info };
  }
  const parsedResult = spec.result.safeParse(value);
  if (!parsedResult.success) {
    host.log?.error('IPC handler returned a value outside the contract', { method, issues: describeIssues(parsedResult.error) });
    return { ok: false, error: { code: 'invalidResult', message: `internal error: ${method} returned malformed data` } };
  }
  return { ok: true, value: parsedResult.data };
}

/** Validate an event payload before a host sends it; throws on a payload outside the contract (our bug). */
export { events as eventSchemas } from './contract.js';

/**
 * The result envelope every IPC call returns, and the error codes the UI knows how to explain.
 *
 * Errors thrown through Electron's `ipcMain.handle` keep only their message, so handlers never let an
 * exception cross the boundary: the router turns it into `{ ok: false, error: { code, message } }`.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  /** The sender is not our own main frame on our own origin. */
  'forbiddenSender',
  /** The channel is not in the contract. */
  'unknownChannel',
  /** The arguments failed the contract's schema. */
  'invalidArguments',
  /** The handler produced a value outside the contract (a bug on our side — never shown as data). */
  'invalidResult',
  /** The core piece behind this call is not built yet. */
  'notYet',
  /** No tenant (demo or real) is open. */
  'noTenant',
  /** The object asked for does not exist in the cache. */
  'notFound',
  /** The tenant could not be reached; cached data may still be shown. */
  'offline',
  /** The operator lacks a role or scope the action needs. */
  'missingPermission',
  /** The action was refused because a precondition failed (plan stale, confirmation mismatch…). */
  'preconditionFailed',
  /** The input (a form field, an imported file) is malformed; the message says where and why. */
  'invalidInput',
  /** The operator must sign in to the tenant first (or again: the sign-in expired or was revoked). */
  'signInRequired',
  /** The operator cancelled (closed the file dialog or the sign-in window). Nothing changed. */
  'cancelled',
  /** Anything else; the message says what happened. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export const errorInfoSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});

/** Schema of an envelope around `value` — used by the harness and tests to check what crosses the boundary. */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: errorInfoSchema }),
  ]);
}

/**
 * An error a handler throws on purpose, carrying a code the UI can explain.
 * Any other thrown value becomes `internal`.
 */
export class IpcError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

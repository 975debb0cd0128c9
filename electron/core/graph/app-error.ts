/**
 * The error value the data path hands to the UI and CLI: a stable `code` the UI can branch on, and a
 * `message` a helpdesk agent understands without reading a stack trace. Graph details (status,
 * request id) ride along for the audit log and "copy diagnostics", never in place of the message.
 * This file has no I/O so every layer (store, sync, import, CLI) can use it.
 */
export type AppErrorCode =
  | 'missing_scope'
  | 'missing_role'
  | 'no_premium_licence'
  | 'tenant_not_found'
  | 'not_found'
  | 'throttled'
  | 'offline'
  | 'auth_required'
  | 'auth_failed'
  | 'bad_request'
  | 'server_error'
  | 'cancelled'
  | 'invalid_input'
  | 'store_migration_edited'
  | 'store_newer_than_app'
  | 'store_unavailable'
  | 'profile_not_found'
  | 'profile_invalid'
  | 'unknown';

export interface AppErrorDetails {
  readonly status?: number;
  readonly graphCode?: string;
  readonly requestId?: string;
  readonly missing?: readonly string[];
  readonly [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails;
  constructor(code: AppErrorCode, message: string, details: AppErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** The plain `{ code, message }` envelope used over IPC and in `--json` output. */
  toJSON(): { code: AppErrorCode; message: string; details: AppErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

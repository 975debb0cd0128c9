/**
 * The main process log, with secrets redacted before anything is written.
 *
 * Access and refresh tokens, authorization codes, client secrets and Authorization headers must never
 * reach a log file: those files get attached to tickets. Redaction works on the final text, so it
 * also catches a token hidden inside an error message or a stringified object.
 */
const REDACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  // JWTs (access/id tokens): three base64url segments, the first starting with eyJ ("{").
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // Authorization: Bearer … / Basic …
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // key=value or "key":"value" for token-ish keys.
  [
    /((?:access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|password|code|secret|controlToken)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    '$1[redacted]',
  ],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

function stringify(details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  try {
    return ' ' + JSON.stringify(details, (_key, value) => (value instanceof Error ? { name: value.name, message: value.message } : value));
  } catch {
    return ' [unserialisable details]';
  }
}

/** A logger writing one redacted line per entry to `sink` (a file stream in the app, an array in tests). */
export function createLogger(sink: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, message: string, details?: Record<string, unknown>) => {
    sink(redact(`${now().toISOString()} ${level.toUpperCase()} ${message}${stringify(details)}`));
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from './redact.js';

/**
 * The data path's logger. Every line passes through redact() before it goes anywhere, so a token
 * that slips into an error message or a URL never reaches a log file or the console.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  log(level: LogLevel, message: string): void;
}

export function createLogger(sink: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  return {
    log(level, message) {
      if (order[level] < order[minLevel]) return;
      sink(`${new Date().toISOString()} ${level.toUpperCase()} ${redact(message)}\n`);
    },
  };
}

export function fileLogger(path: string, minLevel: LogLevel = 'info'): Logger {
  mkdirSync(dirname(path), { recursive: true });
  return createLogger((line) => appendFileSync(path, line, { mode: 0o600 }), minLevel);
}

export const silentLogger: Logger = { log() {} };

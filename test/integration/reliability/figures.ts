/**
 * Figures for RELIABILITY.md: each reliability/security test file adds what it actually did
 * (faults fired, kills, inputs tried…) under its own name, and the counts are written to
 * test-results/reliability/<file>.json when the file's tests end. `npm run reliability -- --report`
 * (scripts/reliability-report.ts) reads them all. One JSON file per test file, so parallel test
 * processes never write the same file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const FIGURES_DIR = fileURLToPath(new URL('../../../test-results/reliability/', import.meta.url));

export interface Figures {
  /** Adds `n` to a counter (`faults.throttle.noRetryAfter`, `kills.sync`, `inputs.parseRule` …). */
  add(key: string, n?: number): void;
  /** Records a fact that is not a count (seed used, table of verified items…). */
  note(key: string, value: unknown): void;
}

export function figures(file: string): Figures {
  const counts: Record<string, number> = {};
  const notes: Record<string, unknown> = {};
  after(() => {
    mkdirSync(FIGURES_DIR, { recursive: true });
    writeFileSync(join(FIGURES_DIR, `${file}.json`), `${JSON.stringify({ file, writtenAt: new Date().toISOString(), counts, notes }, null, 2)}\n`);
  });
  return {
    add(key, n = 1) { counts[key] = (counts[key] ?? 0) + n; },
    note(key, value) { notes[key] = value; },
  };
}

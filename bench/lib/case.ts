/**
 * What a benchmark file exports and the context it runs in. A case measures the project's real
 * code and its naive counterpart in the same process run, records figures against targets, and
 * proves its own answer right with checks — a failed check marks the whole case `incorrect`.
 */
import { judge, ratioOf, type Baseline, type Check, type Figure, type Mode, type Target } from './result.js';

/** A case file's default export. Its name, title, flags and timeout live in cases/index.ts. */
export interface BenchCase {
  run(ctx: BenchContext): Promise<void>;
}

export interface FigureInput {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly target?: Target;
  readonly baseline?: Baseline;
  /** Shown only when the target is missed: why, and what would close the gap. */
  readonly noteIfMissed?: string;
}

/** Thrown by ctx.notYet(): the code under measurement is not there yet. */
export class NotYet extends Error {}

export class BenchContext {
  readonly figures: Figure[] = [];
  readonly checks: Check[] = [];
  readonly notes: string[] = [];
  readonly params: Record<string, unknown> = {};

  constructor(readonly mode: Mode) {}

  get full(): boolean {
    return this.mode === 'full';
  }

  /** Picks the quick or the full value of a size. */
  scale<T>(quick: T, full: T): T {
    return this.mode === 'full' ? full : quick;
  }

  param(key: string, value: unknown): void {
    this.params[key] = value;
  }

  /** A correctness check. Returns ok so callers can branch on it. */
  check(name: string, ok: boolean, detail?: string): boolean {
    this.checks.push(detail === undefined ? { name, ok } : { name, ok, detail });
    if (!ok) this.log(`CHECK FAILED: ${name}${detail ? ` — ${detail}` : ''}`);
    return ok;
  }

  /** Asserts two values are equal as a check (stringified for the detail). */
  checkEqual(name: string, actual: unknown, expected: unknown): boolean {
    const ok = Object.is(actual, expected) || JSON.stringify(actual) === JSON.stringify(expected);
    return this.check(name, ok, ok ? String(actual) : `got ${String(actual)}, expected ${String(expected)}`);
  }

  figure(input: FigureInput): Figure {
    const met = judge(input.value, input.target);
    const ratio = ratioOf(input.value, input.baseline, input.higherIsBetter);
    const figure: Figure = {
      name: input.name,
      value: input.value,
      unit: input.unit,
      higherIsBetter: input.higherIsBetter,
      ...(input.target ? { target: input.target, met } : {}),
      ...(input.baseline ? { baseline: input.baseline } : {}),
      ...(ratio !== undefined ? { ratio } : {}),
      ...(met === false && input.noteIfMissed ? { note: input.noteIfMissed } : {}),
    };
    this.figures.push(figure);
    this.log(`${input.name}: ${input.value} ${input.unit}${input.target ? ` (target ${input.target.text}: ${met ? 'met' : 'MISSED'})` : ''}`);
    return figure;
  }

  note(text: string): void {
    this.notes.push(text);
    this.log(`note: ${text}`);
  }

  notYet(reason: string): never {
    throw new NotYet(reason);
  }

  log(message: string): void {
    process.stderr.write(`  · ${message}\n`);
  }
}

export function defineCase(c: BenchCase): BenchCase {
  return c;
}

/**
 * Imports a project module that another helper may not have written yet. Returns null (and the
 * reason) instead of throwing, so a case can say "not yet: <module> missing" rather than crash.
 */
export async function importIfPresent<T>(specifier: string): Promise<{ mod: T } | { missing: string }> {
  try {
    return { mod: (await import(specifier)) as T };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'ERR_MODULE_NOT_FOUND') return { missing: e.message ?? specifier };
    throw error;
  }
}

/**
 * The shape every benchmark reports, shared by the child (which fills it) and the runner (which
 * prints, judges and stores it). Plain JSON so bench/results/latest.json can be diffed between runs.
 */

export type Mode = 'quick' | 'full';

/**
 * ok: ran, every correctness check passed (targets may still be missed — that is `met`, not status).
 * incorrect: a correctness check failed — a fast wrong answer; the runner exits non-zero.
 * error: the case threw. crashed: the child died or timed out without a result.
 * not-yet: the code it measures does not exist yet; reported as such, never as passed.
 */
export type Status = 'ok' | 'incorrect' | 'error' | 'crashed' | 'not-yet';

export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
  /** How the target reads in the table, e.g. "≥ 50% of raw", "≤ 20 ms". */
  readonly text: string;
}

export interface Baseline {
  /** What the naive way / the limit is, e.g. "raw better-sqlite3", "naive nextLink loop". */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** true for rates (more is better), false for times and sizes. Decides the ratio's direction. */
  readonly higherIsBetter: boolean;
  readonly target?: Target;
  /** Whether the target is met; absent when the figure has no target. */
  readonly met?: boolean;
  readonly baseline?: Baseline;
  /** How many times better than the baseline (>1 = better): value/baseline for rates, baseline/value for times. */
  readonly ratio?: number;
  /** Why a missed target is missed, and what would close the gap (shown in BENCHMARKS.md). */
  readonly note?: string;
}

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface CaseResult {
  readonly case: string;
  readonly title: string;
  readonly mode: Mode;
  readonly status: Status;
  /** For error / crashed / not-yet: why. */
  readonly reason?: string;
  readonly figures: readonly Figure[];
  readonly checks: readonly Check[];
  /** Sizes the case ran at (rows, users, policies…). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
  /** VmHWM of the child process at the end: the case's own peak resident set. */
  readonly peakRssMb: number | null;
  readonly wallMs: number;
}

export function judge(value: number, target: Target | undefined): boolean | undefined {
  if (!target) return undefined;
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

export function ratioOf(value: number, baseline: Baseline | undefined, higherIsBetter: boolean): number | undefined {
  if (!baseline || !Number.isFinite(baseline.value) || !Number.isFinite(value)) return undefined;
  if (higherIsBetter) return baseline.value === 0 ? undefined : value / baseline.value;
  return value === 0 ? undefined : baseline.value / value;
}

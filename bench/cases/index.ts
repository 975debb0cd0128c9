/**
 * The case registry: names, titles and what the runner needs to start each child. Kept apart from
 * the case code so the runner never imports project modules (a broken module then crashes only
 * its own case's child, and is reported, instead of the runner).
 */
export interface CaseMeta {
  readonly name: string;
  readonly title: string;
  /** Extra node flags for the child process. */
  readonly nodeFlags?: readonly string[];
  /** Seconds before the runner kills the child — a hang guard, far above a normal run (a first run also builds the warm cache). */
  readonly timeoutSeconds: { readonly quick: number; readonly full: number };
}

/** Run order: earliest dependencies first; sync (mostly throttle waiting) and the browser last. */
export const CASES: readonly CaseMeta[] = [
  { name: 'evaluator', title: 'CA evaluator: policy evaluations per second, parse-once amortisation', timeoutSeconds: { quick: 300, full: 1800 } },
  { name: 'ingest', title: 'Ingest Graph sign-in pages into the cache vs raw better-sqlite3', timeoutSeconds: { quick: 600, full: 7200 } },
  { name: 'diagnosis', title: 'Time to diagnosis: cold online (emulator) and warm cache p50/p95', timeoutSeconds: { quick: 900, full: 7200 } },
  { name: 'memory', title: 'Peak RSS while diagnosing against the cached sign-ins', nodeFlags: ['--expose-gc'], timeoutSeconds: { quick: 900, full: 7200 } },
  { name: 'sync', title: 'Tenant sync under the real 5 req / 10 s throttle vs the naive nextLink loop', timeoutSeconds: { quick: 900, full: 7200 } },
  { name: 'renderer', title: 'Renderer: first rows, scroll frame times, first meaningful paint', timeoutSeconds: { quick: 120, full: 600 } },
];

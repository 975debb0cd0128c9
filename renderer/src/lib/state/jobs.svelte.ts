/**
 * Long jobs main runs (sync, import, exemption steps): the latest progress of the running one, for
 * the status bar and for views waiting on a job. Progress arrives only as jobProgress events.
 */
import type { JobProgress } from '../../../../electron/contract/schemas.ts';
import { subscribe } from '../api.ts';
import { refreshAppState } from './app.svelte.ts';

export const jobs = $state({
  /** The running job's last progress event, or null when none runs. */
  current: null as JobProgress | null,
  /** The last job that finished, so its final message stays readable. */
  finished: null as JobProgress | null,
});

/** "Sign-ins: 120 of 300 — fetching page 2" in one line. */
export function describeProgress(p: JobProgress): string {
  const count = p.total !== null ? `${p.done} of ${p.total}` : p.done > 0 ? `${p.done}` : '';
  return [p.phase, count].filter(Boolean).join(': ') + (p.message ? ` — ${p.message}` : '');
}

const KIND_WORDS: Record<JobProgress['kind'], string> = { sync: 'Sync', import: 'Import', exemption: 'Exemption' };

/** "Sync done: 38 users, 12 policies" — how the last job ended. */
export function describeFinished(p: JobProgress): string {
  return `${KIND_WORDS[p.kind]} ${p.phase}${p.message ? `: ${p.message}` : ''}`;
}

subscribe('jobProgress', (p) => {
  if (p.finished) {
    jobs.finished = p;
    if (jobs.current?.jobId === p.jobId || jobs.current === null) jobs.current = null;
    // A finished sync moves "last sync" and may have changed what the cache holds.
    if (p.kind === 'sync' || p.kind === 'import') void refreshAppState();
  } else jobs.current = p;
});

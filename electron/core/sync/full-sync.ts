import { randomUUID } from 'node:crypto';
import { AppError } from '../graph/app-error.js';
import type { GraphResources, SignIn } from '../graph/resources.js';
import type { Store } from '../store/store.js';
import { ProgressMeter, type SyncProgress } from './progress.js';
import { signInFilter } from './sign-in-filter.js';

export interface FullSyncInput {
  readonly store: Store;
  readonly graph: GraphResources;
  readonly tenantId: string;
  readonly appIds: readonly string[];
  /** How far back a first sync reaches (Entra keeps 30 days with P1/P2). */
  readonly days: number;
  /** Width of one time window (whole seconds). Default 6 h. */
  readonly windowMs?: number;
  /** Windows fetched at once; the pacing middleware keeps them inside Graph's budget together. Default 3. */
  readonly concurrency?: number;
  /** An incremental run starts this long before the watermark, to catch late-ingested sign-ins. Default 30 min. */
  readonly overlapMs?: number;
  /** Ignore the watermark and sync the whole `days` range. */
  readonly full?: boolean;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export interface FullSyncResult {
  readonly status: 'completed' | 'cancelled';
  readonly jobId: string;
  readonly resumed: boolean;
  readonly since: string;
  readonly until: string;
  readonly windows: number;
  readonly rows: number;
}

/** The job description persisted before any window is fetched, so a crashed run resumes the SAME windows. */
interface JobState {
  readonly jobId: string;
  readonly appIds: string[];
  readonly since: string;
  readonly until: string;
  readonly windowMs: number;
  readonly startedAt: string;
}

interface Watermark { readonly until: string; readonly appIds: string[] }

export const FULL_SYNC_JOB_KEY = 'signIns:fullSyncJob';
export const WATERMARK_KEY = 'signIns:watermark';
export const TENANT_SIGNINS_RESOURCE = 'signIns:tenant';

/**
 * Tenant-wide sync of every sign-in of the configured apps.
 * - The period is cut into time windows, fetched `concurrency` at a time within the shared budget.
 * - Rows are upserted per page; a window's checkpoint (done_at) is written in the same transaction
 *   as its last page. After a crash (even SIGKILL) a re-run finds the saved job, skips finished
 *   windows and refetches the others whole — upserts by id mean no duplicates, and every window is
 *   either complete or refetched, so no gaps.
 * - When every window is done the job becomes the watermark; the next run is incremental from it.
 * - Cancelling (AbortSignal) stops between requests and leaves the job resumable.
 */
export async function runFullSync(input: FullSyncInput): Promise<FullSyncResult> {
  const { store, tenantId } = input;
  const now = input.now ?? (() => new Date());
  const appIds = [...input.appIds].map((a) => a.toLowerCase()).sort();
  const existing = store.syncState.get<JobState>(tenantId, FULL_SYNC_JOB_KEY);
  let job: JobState;
  let resumed = false;
  if (existing && sameApps(existing.appIds, appIds)) {
    job = existing;
    resumed = true;
  } else {
    if (existing) store.syncState.deleteJob(tenantId, existing.jobId);
    job = planJob(input, appIds, now());
    store.transaction(() => {
      store.syncState.put(tenantId, FULL_SYNC_JOB_KEY, job, now().toISOString());
      store.syncState.planWindows(tenantId, job.jobId, windowsOf(job));
    });
  }

  const windows = store.syncState.windows(tenantId, job.jobId);
  const pending = windows.filter((w) => !w.doneAt);
  const meter = new ProgressMeter(job.jobId, windows.length, windows.length - pending.length, resumed, Date.now(), Date.now);
  input.onProgress?.(meter.snapshot());

  const queue = [...pending]; // ascending; pop() takes the newest window first: the most useful data lands first
  const concurrency = Math.max(1, Math.min(8, input.concurrency ?? 3));
  let failure: unknown;
  const worker = async () => {
    for (;;) {
      if (failure || input.signal?.aborted) return;
      const window = queue.pop();
      if (!window) return;
      try {
        await syncWindow(input, job, window.start, window.end, meter, now);
      } catch (error) {
        failure ??= error;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const base = { jobId: job.jobId, resumed, since: job.since, until: job.until, windows: windows.length, rows: meter.snapshot().rows };
  if (input.signal?.aborted || (failure instanceof AppError && failure.code === 'cancelled')) return { status: 'cancelled', ...base };
  if (failure) throw failure;

  store.transaction(() => {
    store.syncState.put(tenantId, WATERMARK_KEY, { until: job.until, appIds } satisfies Watermark, now().toISOString());
    store.syncState.markFresh(tenantId, TENANT_SIGNINS_RESOURCE, job.until);
    store.syncState.delete(tenantId, FULL_SYNC_JOB_KEY);
    store.syncState.deleteJob(tenantId, job.jobId);
  });
  return { status: 'completed', ...base };
}

async function syncWindow(input: FullSyncInput, job: JobState, start: string, end: string, meter: ProgressMeter,
  now: () => Date): Promise<void> {
  const { store, tenantId } = input;
  const filter = signInFilter({ appIds: job.appIds, since: new Date(start), until: new Date(end) });
  // Graph's createdDateTime filter has only ge/le, so neighbouring windows both match a row stamped exactly on
  // their shared boundary. Windows are made half-open here — [start, end), the last one closed — so each row
  // belongs to exactly one window and the row counts match what is stored.
  const endMs = Date.parse(end);
  const ownsRow = end === job.until ? () => true : (row: SignIn) => !(Date.parse(String(row.createdDateTime)) >= endMs); // unparsable: keep, never drop
  let rows = 0;
  for await (const page of input.graph.signInPages({ filter, signal: input.signal })) {
    const last = page.nextLink === undefined;
    const owned = (page.value as SignIn[]).filter(ownsRow);
    store.transaction(() => {
      store.signIns.upsertMany(tenantId, owned, 'graph', now().toISOString());
      if (last) store.syncState.completeWindow(tenantId, job.jobId, start, rows + owned.length, now().toISOString());
    });
    rows += owned.length;
    meter.addRows(owned.length);
    if (last) meter.windowDone();
    input.onProgress?.(meter.snapshot());
  }
}

function planJob(input: FullSyncInput, appIds: string[], at: Date): JobState {
  const { store, tenantId } = input;
  const windowMs = Math.max(1000, Math.round((input.windowMs ?? 6 * 3_600_000) / 1000) * 1000);
  const until = floorSeconds(at);
  let since = floorSeconds(new Date(until.getTime() - input.days * 86_400_000));
  const watermark = input.full ? null : store.syncState.get<Watermark>(tenantId, WATERMARK_KEY);
  if (watermark && sameApps(watermark.appIds, appIds)) {
    const incremental = floorSeconds(new Date(Date.parse(watermark.until) - (input.overlapMs ?? 30 * 60_000)));
    if (incremental > since) since = incremental;
  }
  return { jobId: randomUUID(), appIds, since: since.toISOString(), until: until.toISOString(), windowMs, startedAt: at.toISOString() };
}

/** [since, until] cut into windows; each window's end is the next one's start (syncWindow keeps the boundary row in the later window). */
export function windowsOf(job: { since: string; until: string; windowMs: number }): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const until = Date.parse(job.until);
  for (let t = Date.parse(job.since); t < until; t += job.windowMs) {
    out.push({ start: new Date(t).toISOString(), end: new Date(Math.min(until, t + job.windowMs)).toISOString() });
  }
  return out;
}

function floorSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function sameApps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

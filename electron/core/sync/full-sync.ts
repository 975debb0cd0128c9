import { randomUUID } from 'node:crypto';
import { AppError } from '../graph/app-error.js';
import type { GraphResources, SignIn } from '../graph/resources.js';
import type { Store } from '../store/store.js';
import { ProgressMeter, type SyncProgress } from './progress.js';
import { signInFilter } from './sign-in-filter.js';
import { WindowPlanner } from './window-planner.js';

export interface FullSyncInput {
  readonly store: Store;
  readonly graph: GraphResources;
  readonly tenantId: string;
  readonly appIds: readonly string[];
  /** How far back a first sync reaches (Entra keeps 30 days with P1/P2). */
  readonly days: number;
  /** Width of one time window (whole seconds). Default 6 h, narrower (≥ 1 h) when the period has fewer windows than `concurrency`. */
  readonly windowMs?: number;
  /** Windows fetched at once; the pacing middleware keeps them inside Graph's budget together. Default 5. */
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
  /** Fixed plan: every window this wide. Adaptive plan: the first wave's width. */
  readonly windowMs: number;
  readonly startedAt: string;
  /** Present when windows are planned from the row density as the sync goes (window-planner.ts). */
  readonly adaptive?: { readonly targetRows: number; readonly maxWidthMs: number };
}

interface Watermark { readonly until: string; readonly appIds: string[] }

export const FULL_SYNC_JOB_KEY = 'signIns:fullSyncJob';
export const WATERMARK_KEY = 'signIns:watermark';
export const TENANT_SIGNINS_RESOURCE = 'signIns:tenant';

/**
 * Tenant-wide sync of every sign-in of the configured apps.
 * - The period is cut into time windows, fetched `concurrency` at a time within the shared budget;
 *   each window is one filtered request followed by its nextLinks, so only its last page is partial.
 *   With `windowMs` the plan is fixed (every window that wide, all planned up front). Without it the
 *   first wave is one window per worker, newest first, and later windows are cut from the density
 *   the pages showed (window-planner.ts), each persisted just before it is fetched.
 * - Rows are upserted per page; a window's checkpoint (done_at) is written in the same transaction
 *   as its last rows. After a crash (even SIGKILL) a re-run finds the saved job, skips finished
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
      // Adaptive: only the first wave (the newest windows, one per worker) is planned before any data is seen.
      store.syncState.planWindows(tenantId, job.jobId, job.adaptive ? firstWave(job, concurrencyOf(input)) : windowsOf(job));
    });
  }

  const windows = store.syncState.windows(tenantId, job.jobId);
  const pending = windows.filter((w) => !w.doneAt);
  const planner = job.adaptive ? resumePlanner(job, windows) : null;
  let planned = windows.length;
  const meter = new ProgressMeter(job.jobId, planned + (planner?.remainingEstimate() ?? 0), windows.length - pending.length, resumed, Date.now(), Date.now);
  input.onProgress?.(meter.snapshot());

  const queue = [...pending]; // ascending; pop() takes the newest window first: the most useful data lands first
  const concurrency = concurrencyOf(input);
  let failure: unknown;
  const nextWindow = () => {
    const pendingWindow = queue.pop();
    if (pendingWindow || !planner) return pendingWindow;
    const fresh = planner.next();
    if (!fresh) return undefined;
    store.syncState.planWindows(tenantId, job.jobId, [fresh]); // persisted before it is fetched: a crash resumes it
    planned++;
    meter.setWindowsTotal(planned + planner.remainingEstimate());
    return fresh;
  };
  const worker = async () => {
    for (;;) {
      if (failure || input.signal?.aborted) return;
      const window = nextWindow();
      if (!window) return;
      try {
        await syncWindow(input, job, window.start, window.end, meter, now, planner);
      } catch (error) {
        failure ??= error;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const base = { jobId: job.jobId, resumed, since: job.since, until: job.until, windows: planned, rows: meter.snapshot().rows };
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
  now: () => Date, planner: WindowPlanner | null): Promise<void> {
  const { store, tenantId } = input;
  const filter = signInFilter({ appIds: job.appIds, since: new Date(start), until: new Date(end) });
  // Graph's createdDateTime filter has only ge/le, so neighbouring windows both match a row stamped exactly on
  // their shared boundary. Windows are made half-open here — [start, end), the last one closed — so each row
  // belongs to exactly one window and the row counts match what is stored.
  const endMs = Date.parse(end);
  const ownsRow = end === job.until ? () => true : (row: SignIn) => !(Date.parse(String(row.createdDateTime)) >= endMs); // unparsable: keep, never drop
  let rows = 0;
  let cursor = endMs; // pages come newest first: each covers [its oldest row, cursor)
  for await (const page of input.graph.signInPages({ filter, signal: input.signal })) {
    const last = page.nextLink === undefined;
    const oldest = last ? Date.parse(start) : Date.parse(String((page.value.at(-1) as SignIn | undefined)?.createdDateTime));
    if (planner && Number.isFinite(oldest)) { planner.observe(page.value.length, cursor - oldest); cursor = oldest; }
    const owned = (page.value as SignIn[]).filter(ownsRow);
    // A page is stored in slices with a turn of the event loop between them, so the other windows'
    // responses are taken (and stamped for pacing) while a 1,000-row page is written, not after it.
    // The checkpoint still rides in the transaction of the window's last rows: a crash between
    // slices leaves the window unfinished, to be refetched whole (upserts by id: no duplicates).
    for (let i = 0; i < owned.length || i === 0; i += STORE_SLICE) {
      const slice = owned.slice(i, i + STORE_SLICE);
      const final = last && i + STORE_SLICE >= owned.length;
      if (i > 0) await yieldToEventLoop();
      store.transaction(() => {
        store.signIns.upsertMany(tenantId, slice, 'graph', now().toISOString());
        if (final) store.syncState.completeWindow(tenantId, job.jobId, start, rows + owned.length, now().toISOString());
      });
    }
    rows += owned.length;
    meter.addRows(owned.length);
    if (last) meter.windowDone();
    input.onProgress?.(meter.snapshot());
  }
}

/** Default 5: the sign-in budget's requests per window, so a first wave fills it (graph-facts §1.4). */
function concurrencyOf(input: FullSyncInput): number {
  return Math.max(1, Math.min(8, input.concurrency ?? 5));
}

/** Rows per store transaction inside a page (see syncWindow). */
const STORE_SLICE = 250;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function planJob(input: FullSyncInput, appIds: string[], at: Date): JobState {
  const { store, tenantId } = input;
  const until = floorSeconds(at);
  let since = floorSeconds(new Date(until.getTime() - input.days * 86_400_000));
  const watermark = input.full ? null : store.syncState.get<Watermark>(tenantId, WATERMARK_KEY);
  if (watermark && sameApps(watermark.appIds, appIds)) {
    const incremental = floorSeconds(new Date(Date.parse(watermark.until) - (input.overlapMs ?? 30 * 60_000)));
    if (incremental > since) since = incremental;
  }
  // Default width: 6 h, or narrower (not below 1 h) so that a day still gives one window per concurrent
  // worker — five chains of nextLinks fill the sign-in budget's five requests at once, where four 6-hour
  // windows left a slot idle. A short incremental period stays one window: no extra partial pages.
  const period = until.getTime() - since.getTime();
  const width = input.windowMs ?? Math.min(6 * 3_600_000, Math.max(3_600_000, Math.ceil(period / concurrencyOf(input))));
  const windowMs = Math.max(1000, Math.ceil(width / 1000) * 1000);
  const job = { jobId: randomUUID(), appIds, since: since.toISOString(), until: until.toISOString(), windowMs, startedAt: at.toISOString() };
  // An explicit width is a fixed plan (as the caller asked); otherwise later windows follow the density.
  if (input.windowMs !== undefined) return job;
  return { ...job, adaptive: { targetRows: ADAPTIVE_TARGET_ROWS, maxWidthMs: Math.max(windowMs, Math.ceil(period / concurrencyOf(input) / 1000) * 1000) } };
}

/** ~9 full pages per window: the partial last page is ~5% of the requests; a crash refetches ≤ 10 pages. */
const ADAPTIVE_TARGET_ROWS = 9_000;

/** The planner of an adaptive job, seeded from its windows: what is planned, and the density of those done. */
function resumePlanner(job: JobState, windows: readonly { start: string; end: string; rowCount: number | null; doneAt: string | null }[]): WindowPlanner {
  const frontier = windows.length ? Math.min(...windows.map((w) => Date.parse(w.start))) : Date.parse(job.until);
  const planner = new WindowPlanner(Date.parse(job.since), frontier, job.adaptive!.targetRows, job.adaptive!.maxWidthMs);
  for (const w of windows) if (w.doneAt) planner.observe(w.rowCount ?? 0, Date.parse(w.end) - Date.parse(w.start));
  return planner;
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

/** The newest `n` windows of `windowMs`, cut down from `until` (the planner continues below them). */
function firstWave(job: JobState, n: number): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const since = Date.parse(job.since);
  for (let end = Date.parse(job.until), k = 0; k < n && end > since; k++, end -= job.windowMs) {
    out.push({ start: new Date(Math.max(since, end - job.windowMs)).toISOString(), end: new Date(end).toISOString() });
  }
  return out.reverse();
}

function floorSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function sameApps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

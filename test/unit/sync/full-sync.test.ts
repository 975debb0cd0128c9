import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../../electron/core/store/store.js';
import { runFullSync, windowsOf, FULL_SYNC_JOB_KEY, WATERMARK_KEY } from '../../../electron/core/sync/full-sync.js';
import type { GraphResources, SignIn, SignInListOptions } from '../../../electron/core/graph/resources.js';
import type { Page } from '../../../electron/core/graph/client.js';
import { AppError } from '../../../electron/core/graph/app-error.js';

const T = 'tenant-1';
const APP = 'app-1';
const NOW = new Date('2026-11-30T12:00:00Z');

/** A fake Graph: the signIns of one app, served newest first in pages, honouring the ge/le of the filter. */
function fakeGraph(all: SignIn[], opts: { pageSize?: number; failAfterPages?: number; onPage?: () => void } = {}) {
  let pages = 0;
  const requests: string[] = [];
  const graph = {
    async *signInPages(o: SignInListOptions): AsyncGenerator<Page<SignIn>> {
      const text = o.filter!.text;
      requests.push(text);
      const ge = /createdDateTime ge (\S+?)[ )]/.exec(text)?.[1];
      const le = /createdDateTime le (\S+?)[ )]/.exec(text)?.[1];
      const rows = all.filter((s) => (!ge || s.createdDateTime >= ge) && (!le || s.createdDateTime <= le))
        .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
      const size = opts.pageSize ?? 50;
      for (let i = 0; i < rows.length || i === 0; i += size) {
        if (o.signal?.aborted) throw new AppError('cancelled', 'cancelled');
        pages++;
        if (opts.failAfterPages !== undefined && pages > opts.failAfterPages) throw new AppError('offline', 'network down');
        opts.onPage?.();
        yield { value: rows.slice(i, i + size), nextLink: i + size < rows.length ? `next-${i}` : undefined };
      }
    },
  } as unknown as GraphResources;
  return { graph, requests, pages: () => pages };
}

function signIns(n: number): SignIn[] {
  // Spread over the last ~3 days in whole seconds, several sign-ins sharing a second (window edges get hit).
  return Array.from({ length: n }, (_, i) => ({
    id: `s-${i}`, appId: APP, userId: `u-${i % 7}`,
    createdDateTime: new Date(NOW.getTime() - 1000 - Math.floor(i * 0.37) * 80_000).toISOString().replace('.000Z', 'Z'),
  }));
}

test('windows tile the period with no gap', () => {
  const w = windowsOf({ since: '2026-11-01T00:00:00.000Z', until: '2026-11-01T10:00:00.000Z', windowMs: 3 * 3_600_000 });
  assert.deepEqual(w.map((x) => [x.start.slice(11, 16), x.end.slice(11, 16)]), [['00:00', '03:00'], ['03:00', '06:00'], ['06:00', '09:00'], ['09:00', '10:00']]);
});

test('a full sync stores exactly the source set, once each', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const source = signIns(2000);
  const { graph } = fakeGraph(source);
  const result = await runFullSync({ store, graph, tenantId: T, appIds: [APP], days: 3, windowMs: 600_000, concurrency: 3, now: () => NOW });
  assert.equal(result.status, 'completed');
  assert.deepEqual(store.signIns.ids(T), source.map((s) => s.id).sort());
  assert.equal(store.syncState.get(T, FULL_SYNC_JOB_KEY), null);
  assert.equal(store.syncState.get<{ until: string }>(T, WATERMARK_KEY)?.until, '2026-11-30T12:00:00.000Z');
});

test('a sync that dies mid-way resumes the same job, skips finished windows, ends without gaps or duplicates', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const source = signIns(3000);
  const crashing = fakeGraph(source, { failAfterPages: 20 });
  await assert.rejects(runFullSync({ store, graph: crashing.graph, tenantId: T, appIds: [APP], days: 3, windowMs: 900_000, concurrency: 2, now: () => NOW }),
    (e: unknown) => e instanceof AppError && e.code === 'offline');
  const job = store.syncState.get<{ jobId: string }>(T, FULL_SYNC_JOB_KEY)!;
  const done = store.syncState.windows(T, job.jobId).filter((w) => w.doneAt).length;
  assert.ok(done > 0, 'some windows were checkpointed before the failure');
  const partial = store.signIns.count(T);
  assert.ok(partial > 0 && partial < source.length, `partial = ${partial}`);

  const resumedGraph = fakeGraph(source);
  const later = new Date(NOW.getTime() + 3_600_000);
  const result = await runFullSync({ store, graph: resumedGraph.graph, tenantId: T, appIds: [APP], days: 3, windowMs: 900_000, now: () => later });
  assert.equal(result.resumed, true);
  assert.equal(result.jobId, job.jobId);
  assert.equal(result.until, '2026-11-30T12:00:00.000Z', 'the resumed job keeps its own period');
  assert.equal(resumedGraph.requests.length, result.windows - done, 'finished windows are not fetched again');
  assert.deepEqual(store.signIns.ids(T), source.map((s) => s.id).sort());
});

test('cancel stops between pages and leaves the job resumable', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const source = signIns(1500);
  const controller = new AbortController();
  let seen = 0;
  const { graph } = fakeGraph(source, { pageSize: 20, onPage: () => { if (++seen === 10) controller.abort(); } });
  const progress: number[] = [];
  const result = await runFullSync({ store, graph, tenantId: T, appIds: [APP], days: 3, windowMs: 3_600_000, signal: controller.signal,
    now: () => NOW, onProgress: (p) => progress.push(p.rows) });
  assert.equal(result.status, 'cancelled');
  assert.ok(store.syncState.get(T, FULL_SYNC_JOB_KEY));
  assert.ok(progress.length > 1 && progress.every((v, i) => i === 0 || v >= progress[i - 1]!), 'progress only grows');
  const resumed = await runFullSync({ store, graph: fakeGraph(source).graph, tenantId: T, appIds: [APP], days: 3, now: () => NOW });
  assert.equal(resumed.status, 'completed');
  assert.equal(store.signIns.count(T), source.length);
});

test('the next run is incremental from the watermark (minus the overlap)', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  await runFullSync({ store, graph: fakeGraph(signIns(100)).graph, tenantId: T, appIds: [APP], days: 3, now: () => NOW });
  const later = new Date(NOW.getTime() + 2 * 3_600_000);
  const second = fakeGraph(signIns(100));
  const result = await runFullSync({ store, graph: second.graph, tenantId: T, appIds: [APP], days: 3, overlapMs: 30 * 60_000, now: () => later });
  assert.equal(result.since, '2026-11-30T11:30:00.000Z');
  assert.equal(result.until, '2026-11-30T14:00:00.000Z');
});

test('a sign-in stamped exactly on a window boundary is stored and counted once', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const since = new Date(NOW.getTime() - 3 * 86_400_000);
  // Windows of 10 min from `since`; these rows sit exactly on the first three inner boundaries.
  const boundary = (k: number) => new Date(since.getTime() + k * 600_000).toISOString().replace('.000Z', 'Z');
  const source: SignIn[] = [1, 2, 3].map((k) => ({ id: `edge-${k}`, appId: APP, userId: 'u-1', createdDateTime: boundary(k) }));
  const { graph } = fakeGraph(source);
  const result = await runFullSync({ store, graph, tenantId: T, appIds: [APP], days: 3, windowMs: 600_000, concurrency: 2, now: () => NOW });
  assert.equal(result.status, 'completed');
  assert.deepEqual(store.signIns.ids(T), ['edge-1', 'edge-2', 'edge-3']);
  assert.equal(result.rows, 3, 'each boundary row fetched by two windows counts once');
});

/** `n` sign-ins spread evenly over the `days` before NOW, whole seconds (several may share one). */
function spread(n: number, days: number, prefix = 'r'): SignIn[] {
  const span = days * 86_400_000 - 2000;
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`, appId: APP, userId: `u-${i % 7}`,
    createdDateTime: new Date(NOW.getTime() - 1000 - Math.floor((i * span) / n / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  }));
}

test('adaptive windows: a quiet month costs a handful of requests, not one per six hours', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const source = spread(100, 30);
  // A row exactly on the first wave's lowest boundary (five 6-hour windows below NOW): counted once.
  source.push({ id: 'edge', appId: APP, userId: 'u-1', createdDateTime: new Date(NOW.getTime() - 30 * 3_600_000).toISOString().replace('.000Z', 'Z') });
  const { graph, requests } = fakeGraph(source, { pageSize: 1000 });
  const result = await runFullSync({ store, graph, tenantId: T, appIds: [APP], days: 30, now: () => NOW });
  assert.equal(result.status, 'completed');
  assert.deepEqual(store.signIns.ids(T), source.map((s) => s.id).sort());
  assert.equal(result.rows, source.length, 'the boundary row is counted once');
  assert.ok(requests.length <= 12, `${requests.length} windows (fixed 6-hour windows would make 120)`);
  assert.equal(result.windows, requests.length);
});

test('adaptive windows: a busy period is cut from the density seen into windows of about 9,000 rows', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const source = spread(60_000, 3);
  const { graph, requests, pages } = fakeGraph(source, { pageSize: 1000 });
  const progress: { done: number; total: number }[] = [];
  const result = await runFullSync({ store, graph, tenantId: T, appIds: [APP], days: 3, now: () => NOW,
    onProgress: (p) => progress.push({ done: p.windowsDone, total: p.windowsTotal }) });
  assert.equal(result.status, 'completed');
  assert.equal(store.signIns.count(T), source.length);
  assert.equal(result.rows, source.length);
  const windows = store.syncState.get(T, FULL_SYNC_JOB_KEY); // gone once complete
  assert.equal(windows, null);
  // 60 pages of data; each window adds at most one partial page. Fixed 6-hour windows: 12 windows of
  // 5,000 rows; adaptive: the first wave of five, then ~9,000-row windows — fewer windows, fewer partial pages.
  assert.ok(result.windows < 12, `${result.windows} windows`);
  assert.equal(requests.length, result.windows, 'one paged request per window');
  assert.ok(pages() >= 60 && pages() <= 60 + result.windows, `${pages()} page requests`);
  assert.ok(progress.every((p) => p.done <= p.total), 'the window total is an estimate that never falls below what is done');
  assert.equal(progress.at(-1)!.done, progress.at(-1)!.total);
});

test('adaptive windows: a sync that dies mid-way resumes below the oldest planned window, no gaps, no duplicates', async (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const source = spread(30_000, 3);
  await assert.rejects(runFullSync({ store, graph: fakeGraph(source, { pageSize: 1000, failAfterPages: 18 }).graph, tenantId: T, appIds: [APP], days: 3, now: () => NOW }),
    (e: unknown) => e instanceof AppError && e.code === 'offline');
  const job = store.syncState.get<{ jobId: string; adaptive?: unknown }>(T, FULL_SYNC_JOB_KEY)!;
  assert.ok(job.adaptive, 'the job records its adaptive plan');
  const planned = store.syncState.windows(T, job.jobId);
  const partial = store.signIns.count(T);
  assert.ok(partial > 0 && partial < source.length);
  const later = new Date(NOW.getTime() + 3_600_000);
  const resumed = fakeGraph(source, { pageSize: 1000 });
  const result = await runFullSync({ store, graph: resumed.graph, tenantId: T, appIds: [APP], days: 3, now: () => later });
  assert.equal(result.resumed, true);
  assert.equal(result.until, NOW.toISOString());
  assert.deepEqual(store.signIns.ids(T), source.map((s) => s.id).sort());
  assert.equal(result.windows >= planned.length, true);
  const done = planned.filter((w) => w.doneAt).length;
  assert.ok(resumed.requests.length <= result.windows - done, 'windows finished before the crash are not fetched again');
});

/**
 * The sign-in browser's state. Rows arrive in pages of PAGE_SIZE from main; only pages near the
 * viewport are requested (plus a prefetch ahead of the scroll), and the page cache is a plain Map
 * (not deep-reactive, bounded to KEEP_PAGES) bumped by a version counter, so 100k rows never become
 * 100k proxies.
 */
import type { SignInDetail, SignInRow } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call } from '../api.ts';

export const PAGE_SIZE = 200;

export interface SignInFilters {
  user: string;
  app: string;
  errorCode: string;
  caStatus: '' | 'success' | 'failure' | 'notApplied';
  from: string;
  to: string;
}

export const signIns = $state({
  filters: { user: '', app: '', errorCode: '', caStatus: '', from: '', to: '' } as SignInFilters,
  total: 0,
  version: 0,
  error: null as ErrorInfo | null,
  detail: null as SignInDetail | null,
  detailError: null as ErrorInfo | null,
});

const pages = new Map<number, SignInRow[]>();
let generation = 0;

function queryFilters() {
  const f = signIns.filters;
  const code = f.errorCode.trim() === '' ? undefined : Number(f.errorCode.trim());
  return {
    ...(f.user.trim() ? { user: f.user.trim() } : {}),
    ...(f.app.trim() ? { app: f.app.trim() } : {}),
    ...(code !== undefined && Number.isInteger(code) && code >= 0 ? { errorCode: code } : {}),
    ...(f.caStatus ? { caStatus: f.caStatus } : {}),
    ...(f.from ? { from: new Date(f.from).toISOString() } : {}),
    ...(f.to ? { to: new Date(f.to).toISOString() } : {}),
  };
}

/** Requests on their way, so a caller can wait for a page another call already asked for. */
const inflight = new Map<number, Promise<void>>();

function loadPage(page: number): Promise<void> {
  if (pages.has(page)) return Promise.resolve();
  const running = inflight.get(page);
  if (running) return running;
  const gen = generation;
  const request = (async () => {
    const r = await call('listSignIns', { ...queryFilters(), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    if (gen !== generation) return;
    inflight.delete(page);
    if (r.ok) {
      pages.set(page, r.value.rows);
      signIns.total = r.value.total;
      signIns.error = null;
    } else signIns.error = r.error;
    signIns.version++;
  })();
  inflight.set(page, request);
  return request;
}

/** Start over with the current filters. */
export async function reloadSignIns(): Promise<void> {
  generation++;
  pages.clear();
  inflight.clear();
  lastFirstPage = 0;
  signIns.total = 0;
  signIns.version++;
  await loadPage(0);
}

/**
 * Pages fetched beyond the visible window in the direction of travel (and one behind): a page of
 * 200 rows lasts ~30 frames of a fast fling, so asking for it one or two pages early means rows are
 * there before they scroll in instead of showing "Loading…" for an IPC round trip.
 */
const PREFETCH_AHEAD = 2;
const PREFETCH_BEHIND = 1;
/** Pages kept in memory around the window; farther ones are dropped (and refetched if revisited). */
const KEEP_PAGES = 24;
let lastFirstPage = 0;

/** Make sure rows [first, last] are loaded and the pages around them on their way (called on scroll). */
export function ensureRows(first: number, last: number): void {
  const firstPage = Math.floor(first / PAGE_SIZE);
  const lastPage = Math.floor(last / PAGE_SIZE);
  const maxPage = Math.max(0, Math.ceil(signIns.total / PAGE_SIZE) - 1);
  const down = firstPage >= lastFirstPage;
  lastFirstPage = firstPage;
  const visible: Promise<void>[] = [];
  for (let p = firstPage; p <= lastPage; p++) visible.push(loadPage(p));
  const ahead = down ? PREFETCH_AHEAD : PREFETCH_BEHIND;
  const behind = down ? PREFETCH_BEHIND : PREFETCH_AHEAD;
  // Prefetches only once the visible rows are in: asked for together, they would delay the rows the
  // operator is looking at (every answer re-renders the list).
  // After the next frame, so the rows just loaded are painted before main is asked for more.
  void Promise.all(visible).then(() => requestAnimationFrame(() => {
    for (let p = lastPage + 1; p <= Math.min(maxPage, lastPage + ahead); p++) void loadPage(p);
    for (let p = firstPage - 1; p >= Math.max(0, firstPage - behind); p--) void loadPage(p);
  }));
  evictFarPages((firstPage + lastPage) / 2);
}

function evictFarPages(center: number): void {
  if (pages.size <= KEEP_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
  for (const p of byDistance.slice(0, pages.size - KEEP_PAGES)) pages.delete(p);
}

export function rowAt(index: number): SignInRow | null {
  return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
}

export async function openDetail(id: string): Promise<void> {
  const r = await call('getSignIn', { id });
  if (r.ok) {
    signIns.detail = r.value;
    signIns.detailError = null;
  } else signIns.detailError = r.error;
}

export function closeDetail(): void {
  signIns.detail = null;
  signIns.detailError = null;
}

/**
 * The sign-in browser's state. Rows arrive in pages of PAGE_SIZE from main; only pages near the
 * viewport are requested, and the page cache is a plain Map (not deep-reactive) bumped by a version
 * counter, so 100k rows never become 100k proxies.
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
const pending = new Set<number>();
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

async function loadPage(page: number): Promise<void> {
  if (pages.has(page) || pending.has(page)) return;
  pending.add(page);
  const gen = generation;
  const r = await call('listSignIns', { ...queryFilters(), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  pending.delete(page);
  if (gen !== generation) return;
  if (r.ok) {
    pages.set(page, r.value.rows);
    signIns.total = r.value.total;
    signIns.error = null;
  } else signIns.error = r.error;
  signIns.version++;
}

/** Start over with the current filters. */
export async function reloadSignIns(): Promise<void> {
  generation++;
  pages.clear();
  pending.clear();
  signIns.total = 0;
  signIns.version++;
  await loadPage(0);
}

/** Make sure rows [first, last] are loaded (called on scroll). */
export function ensureRows(first: number, last: number): void {
  for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) void loadPage(p);
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

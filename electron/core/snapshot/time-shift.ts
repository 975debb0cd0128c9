/**
 * Moving a snapshot in time. The demo tenant is generated for a fixed "now" (`meta.generatedAt`)
 * so the file is reproducible; a demo that runs months later shifts every timestamp by the same
 * delta so the newest sign-ins look recent and the 30-day window is still full.
 *
 * What is shifted: every string property whose name ends in `DateTime` (Graph's convention:
 * createdDateTime, modifiedDateTime, lastPasswordChangeDateTime, authenticationStepDateTime…),
 * anywhere in the snapshot, plus `meta.generatedAt`. Only values that are ISO date-times change.
 * The delta is rounded to whole days by default so office-hours patterns stay in office hours.
 */
import type { TenantSnapshot } from './types.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Adds `deltaMs` to an ISO UTC time, keeping its precision (no fraction in, no fraction out). */
export function shiftIsoTime(value: string, deltaMs: number): string {
  const m = ISO.exec(value);
  if (!m) return value;
  const shifted = new Date(Date.parse(value) + deltaMs).toISOString();
  if (m[1] === undefined) return shifted.replace(/\.\d{3}Z$/, 'Z');
  const digits = m[1].length - 1;
  return shifted.replace(/\.(\d{3})Z$/, (_all, ms: string) => (digits <= 3 ? `.${ms.slice(0, digits)}Z` : `.${ms}${'0'.repeat(digits - 3)}Z`));
}

function shiftDeep(value: unknown, deltaMs: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftDeep(v, deltaMs));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = typeof v === 'string' && k.endsWith('DateTime') ? shiftIsoTime(v, deltaMs) : shiftDeep(v, deltaMs);
  }
  return out;
}

/** The delta that moves `meta.generatedAt` to `now` (whole days unless `exact`); 0 without generatedAt. */
export function timeShiftFor(snapshot: TenantSnapshot, now: Date, exact = false): number {
  const generatedAt = snapshot.meta?.generatedAt;
  if (typeof generatedAt !== 'string' || !ISO.test(generatedAt)) return 0;
  const delta = now.getTime() - Date.parse(generatedAt);
  return exact ? delta : Math.floor(delta / DAY_MS) * DAY_MS;
}

/** A copy of the snapshot with all times moved by `deltaMs` (the input is not modified). */
export function shiftSnapshotTimes(snapshot: TenantSnapshot, deltaMs: number): TenantSnapshot {
  if (deltaMs === 0) return snapshot;
  const out = shiftDeep(snapshot, deltaMs) as TenantSnapshot;
  const generatedAt = out.meta?.generatedAt;
  if (out.meta && typeof generatedAt === 'string') out.meta = { ...out.meta, generatedAt: shiftIsoTime(generatedAt, deltaMs) };
  return out;
}

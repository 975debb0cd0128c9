/**
 * The clean-close marker: `<cache>-closed`, written after the last connection closed the cache and
 * consumed (deleted) when the cache is opened again. `PRAGMA quick_check` reads the whole file —
 * seconds at 100,000 cached sign-ins, minutes at millions — so openDatabase runs it only when the
 * marker is missing or no longer describes the file:
 * - the previous run crashed or was killed (it never wrote the marker; its -wal is usually left);
 * - another process has the cache open (it consumed the marker; the check reads beside it, read-only);
 * - the file changed while closed (size, inode, mtime/ctime or its first and last 64 KiB differ —
 *   a copy, a restore, a truncation, a disk tool);
 * - a statement hit SQLITE_CORRUPT while the cache was open (the store then writes no marker).
 * A file damaged in place without any of these (silent media decay) is still caught by SQLite on
 * the first read of a damaged page: the store's corruption guard turns that into a clear error and
 * withholds the marker, so the next open checks, moves the file aside and rebuilds.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';

const SAMPLE_BYTES = 64 * 1024;

const markerSchema = z.object({
  version: z.literal(1),
  size: z.string(),
  ino: z.string(),
  mtimeNs: z.string(),
  ctimeNs: z.string(),
  sample: z.string(),
  closedAt: z.string(),
});
type Marker = z.infer<typeof markerSchema>;

export function cleanMarkerPath(path: string): string {
  return `${path}-closed`;
}

/** What identifies the file's bytes cheaply: stat identity plus a hash of its first and last 64 KiB. */
function describe(path: string): Omit<Marker, 'version' | 'closedAt'> | null {
  if (!existsSync(path)) return null;
  const st = statSync(path, { bigint: true });
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const size = Number(st.size);
    const head = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    readSync(fd, head, 0, head.length, 0);
    hash.update(head);
    if (size > SAMPLE_BYTES) {
      const tail = Buffer.alloc(Math.min(SAMPLE_BYTES, size - SAMPLE_BYTES));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally { closeSync(fd); }
  return { size: String(st.size), ino: String(st.ino), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs), sample: hash.digest('hex') };
}

function walHasContent(path: string): boolean {
  return existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
}

/**
 * Consumes the marker (so a crash from now on leaves none) and says whether the file is exactly as
 * a clean close left it. Never throws: an unreadable or foreign marker means "check".
 */
export function consumeCleanClose(path: string): boolean {
  const markerPath = cleanMarkerPath(path);
  if (!existsSync(markerPath)) return false;
  let marker: Marker | null = null;
  try {
    const parsed = markerSchema.safeParse(JSON.parse(readFileSync(markerPath, 'utf8')));
    if (parsed.success) marker = parsed.data;
  } catch { /* unreadable marker: treated as absent */ }
  rmSync(markerPath, { force: true });
  if (!marker || walHasContent(path)) return false;
  const now = describe(path);
  return now !== null && now.size === marker.size && now.ino === marker.ino && now.mtimeNs === marker.mtimeNs
    && now.ctimeNs === marker.ctimeNs && now.sample === marker.sample;
}

/**
 * Call after the connection closed. Writes the marker only when the file is complete on its own
 * (no -wal left: this was the last connection and SQLite checkpointed it) and nothing reported
 * corruption; otherwise removes a stale one, so the next open checks.
 */
export function recordCleanClose(path: string, at: Date, healthy: boolean): void {
  const markerPath = cleanMarkerPath(path);
  try {
    const now = healthy && !walHasContent(path) ? describe(path) : null;
    if (!now) { rmSync(markerPath, { force: true }); return; }
    const marker: Marker = { version: 1, ...now, closedAt: at.toISOString() };
    writeFileSync(markerPath, JSON.stringify(marker));
  } catch {
    // A marker we cannot write only costs the next open a quick_check.
    rmSync(markerPath, { force: true });
  }
}

/** Where a case may put its scratch files. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** This case's scratch directory: the one the runner made (and deletes after the case), else a new temp dir. */
export function caseTmpDir(): string {
  const dir = process.env.LOCKOUT_BENCH_TMP;
  if (dir) return dir;
  return mkdtempSync(join(tmpdir(), 'lockout-bench-'));
}

/**
 * The warm cache: a store of N synthetic sign-ins built by build-cache.ts in a separate process and
 * kept between runs in <tmpdir>/lockout-lens-bench-cache, keyed by its sizes and a hash of the code
 * that decides its content (store schema, the generator, the builder). Building goes
 * through the store's real upsert path and takes minutes at 1M rows, so it is done once; any change
 * to that code gives a new key and a rebuild. Delete the directory to force one.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CacheManifest {
  readonly tenantId: string;
  readonly rows: number;
  readonly users: number;
  readonly seed: number;
  /** The synthetic window's end: "now" for the diagnosis. */
  readonly end: string;
  readonly jamfClientAppId: string;
  readonly jamfApiAppId: string;
  readonly userIds: readonly string[];
  readonly buildMs: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const WARM_CACHE_DIR = join(tmpdir(), 'lockout-lens-bench-cache');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []).sort();
}

/**
 * Hash of the code that decides the cache's content: the schema (migrations), the generator and the
 * builder. Not the repositories' other code — it changes often and a rebuild costs minutes; a change
 * to how rows are written comes with a migration. Delete WARM_CACHE_DIR when in doubt.
 */
function contentKey(): string {
  const h = createHash('sha256');
  for (const f of [
    ...filesUnder(join(root, 'electron/core/store/migrations')),
    ...filesUnder(join(root, 'electron/core/synthetic')),
    join(here, 'build-cache.ts'),
  ]) h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

export function warmCachePath(opts: { rows: number; users: number; seed: number }): { prefix: string; path: string } {
  const prefix = `warm-${opts.rows}-${opts.users}-${opts.seed}-`;
  return { prefix, path: join(WARM_CACHE_DIR, `${prefix}${contentKey()}.sqlite`) };
}

export async function ensureWarmCache(opts: { rows: number; users: number; seed: number }): Promise<{ path: string; manifest: CacheManifest; built: boolean }> {
  mkdirSync(WARM_CACHE_DIR, { recursive: true });
  const { prefix, path } = warmCachePath(opts);
  let built = false;
  if (!existsSync(path) || !existsSync(`${path}.json`)) {
    built = true;
    // Older builds of the same sizes are stale (the code changed): remove them, they can be gigabytes.
    for (const f of readdirSync(WARM_CACHE_DIR)) if (f.startsWith(prefix)) rmSync(join(WARM_CACHE_DIR, f), { force: true });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'build-cache.ts'), path, String(opts.rows), String(opts.users), String(opts.seed)], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`building the warm cache failed (exit ${code})`))));
    });
  }
  return { path, manifest: JSON.parse(readFileSync(`${path}.json`, 'utf8')) as CacheManifest, built };
}

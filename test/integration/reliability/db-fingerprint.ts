import { createHash } from 'node:crypto';
import type { Store } from '../../../electron/core/store/index.js';

/** Row counts and a content hash of every table: "writes nothing" made checkable. */
export function fingerprint(store: Store): Record<string, string> {
  const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => {
    const rows = store.db.prepare(`SELECT * FROM "${t}"`).all();
    return [t, `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`];
  }));
}

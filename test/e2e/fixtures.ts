/** Snapshots derived from the shipped demo tenant for browser tests (hostile strings, 100k sign-ins). */
import type { GraphObject, TenantSnapshot } from '../../electron/core/snapshot/types.js';

export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1;alert(1)">';
export const RTL_NAME = '\u202Egnp.exe\u202C Ali \u200F(admin)\u200F';
export const LONG_NAME = 'Long'.repeat(2500); // 10 000 characters
export const HOSTILE_REASON = '<script>window.__pwned=2</script>{@html "<b>x</b>"} ${alert(3)}';

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** The demo tenant plus three users with hostile names whose sign-ins copy Mari Johansen's. */
export function hostileSnapshot(base: TenantSnapshot): TenantSnapshot {
  const snap = clone(base);
  const mari = snap.users.find((u) => u.userPrincipalName === 'mari.johansen@northwind-demo.example')!;
  const mariSignIns = snap.signIns.filter((s) => s.userId === mari.id);
  const names = [HOSTILE_NAME, RTL_NAME, LONG_NAME];
  names.forEach((name, i) => {
    const id = `00000000-0000-4000-8000-00000000000${i + 1}`;
    const upn = `hostile${i + 1}@northwind-demo.example`;
    snap.users.push({ ...clone(mari), id, displayName: name, userPrincipalName: upn, mail: upn } as GraphObject);
    snap.transitiveMemberOf[id] = clone(snap.transitiveMemberOf[mari.id as string] ?? []);
    for (const [j, s] of mariSignIns.entries()) {
      const copy = clone(s) as Record<string, unknown>;
      copy.id = `hostile-${i + 1}-${j}`;
      copy.correlationId = `hostile-corr-${i + 1}-${j}`;
      copy.userId = id;
      copy.userDisplayName = name;
      copy.userPrincipalName = upn;
      copy.status = { ...(copy.status as object), failureReason: HOSTILE_REASON };
      snap.signIns.push(copy as GraphObject);
    }
  });
  return snap;
}

/** The demo tenant with its sign-ins multiplied to `count` rows (unique ids, spread over 30 days). */
export function bigSnapshot(base: TenantSnapshot, count: number, now: Date): TenantSnapshot {
  const snap = clone(base);
  const source = base.signIns;
  const out: GraphObject[] = [];
  const span = 30 * 24 * 3600 * 1000;
  for (let i = 0; i < count; i++) {
    const s = source[i % source.length]!;
    out.push({ ...s, id: `bulk-${i}`, correlationId: `bulk-corr-${i}`, createdDateTime: new Date(now.getTime() - Math.floor((i / count) * span)).toISOString() });
  }
  snap.signIns = out;
  return snap;
}

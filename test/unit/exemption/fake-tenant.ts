/**
 * A small in-memory Graph for unit tests of apply / rollback: only the calls the exemption makes,
 * with Graph's documented answers (PATCH policy 204 with a deep merge of conditions children,
 * POST 201 with the entity, 404 for unknown ids). Faults are injected per call. The end-to-end
 * tests run the same workflow against the real emulator.
 */
import type { GraphCaller, GraphReply } from '../../../electron/core/exemption/graph-caller.js';

type Obj = Record<string, unknown>;

export interface FakeFault { method: string; pathPrefix: string; status: number; count: number; retryAfter?: string | null }

export class FakeTenant {
  policies = new Map<string, Obj>();
  attributeSets = new Map<string, Obj>();
  definitions = new Map<string, Obj>();
  servicePrincipals = new Map<string, Obj>();
  faults: FakeFault[] = [];
  calls: { method: string; path: string; body?: unknown; status: number }[] = [];
  private seq = 0;

  caller(): GraphCaller {
    return { call: async (method, path, body) => this.handle(method, path, body) };
  }

  writes(): { method: string; path: string; body?: unknown; status: number }[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  private reply(status: number, body: unknown = null, retryAfter: string | null = null): GraphReply {
    return { status, body, requestId: `req-${++this.seq}`, retryAfter };
  }

  private notFound() {
    return this.reply(404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } });
  }

  private handle(method: string, fullPath: string, body?: unknown): GraphReply {
    const r = this.route(method, fullPath, body);
    this.calls.push({ method, path: fullPath, body, status: r.status });
    return r;
  }

  private route(method: string, fullPath: string, body?: unknown): GraphReply {
    const fault = this.faults.find((f) => f.count > 0 && f.method === method && fullPath.startsWith(f.pathPrefix));
    if (fault) {
      fault.count--;
      return this.reply(fault.status, { error: { code: fault.status === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'injected' } }, fault.retryAfter ?? null);
    }
    const [path] = fullPath.split('?') as [string];
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
    const clone = <T>(v: T): T => structuredClone(v);
    if (seg[0] === 'identity' && seg[2] === 'policies') {
      const id = seg[3];
      if (!id && method === 'POST') {
        const p = { ...clone(body as Obj), id: `copy-${++this.seq}`, createdDateTime: '2026-12-01T00:00:00Z' };
        this.policies.set(p.id, p);
        return this.reply(201, clone(p));
      }
      if (!id) return this.reply(200, { value: [...this.policies.values()].map(clone) });
      const p = this.policies.get(id);
      if (!p) return this.notFound();
      if (method === 'GET') return this.reply(200, clone(p));
      if (method === 'DELETE') { this.policies.delete(id); return this.reply(204); }
      const patch = body as { conditions?: Obj };
      const conditions = { ...(p.conditions as Obj), ...clone(patch.conditions ?? {}) };
      this.policies.set(id, { ...p, ...clone(patch), conditions, modifiedDateTime: `2026-12-01T00:00:${String(++this.seq).padStart(2, '0')}Z` });
      return this.reply(204);
    }
    if (seg[0] === 'directory' && seg[1] === 'attributeSets') {
      if (method === 'POST') { const s = clone(body as Obj); this.attributeSets.set(String(s.id), s); return this.reply(201, s); }
      const s = this.attributeSets.get(seg[2]!);
      return s ? this.reply(200, clone(s)) : this.notFound();
    }
    if (seg[0] === 'directory' && seg[1] === 'customSecurityAttributeDefinitions') {
      if (!seg[2] && method === 'POST') {
        const d = { ...clone(body as Obj), allowedValues: undefined } as Obj;
        d.id = `${String(d.attributeSet)}_${String(d.name)}`;
        delete d.allowedValues;
        this.definitions.set(String(d.id), { ...d, allowedValues: [] });
        return this.reply(201, d);
      }
      const d = this.definitions.get(seg[2]!);
      if (!d) return this.notFound();
      if (seg[3] === 'allowedValues' && method === 'POST') {
        (d.allowedValues as Obj[]).push(clone(body as Obj));
        return this.reply(201, clone(body));
      }
      return this.reply(200, clone(d));
    }
    if (seg[0] === 'servicePrincipals') {
      const sp = this.servicePrincipals.get(seg[1]!);
      if (!sp) return this.notFound();
      if (method === 'GET') return this.reply(200, clone(sp));
      const patch = (body as { customSecurityAttributes: Record<string, Obj> }).customSecurityAttributes;
      const csa = clone((sp.customSecurityAttributes as Record<string, Obj> | null) ?? {});
      for (const [set, values] of Object.entries(patch)) {
        const merged: Obj = { ...(csa[set] ?? {}), '@odata.type': '#microsoft.graph.customSecurityAttributeValue' };
        for (const [k, v] of Object.entries(values)) {
          if (k === '@odata.type') continue;
          if (v === null) delete merged[k]; else merged[k] = v;
        }
        if (Object.keys(merged).length === 1) delete csa[set]; else csa[set] = merged;
      }
      sp.customSecurityAttributes = Object.keys(csa).length ? csa : null;
      return this.reply(204);
    }
    return this.reply(400, { error: { code: 'BadRequest', message: `fake tenant does not serve ${method} ${fullPath}` } });
  }
}

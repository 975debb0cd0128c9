/**
 * Custom security attribute values on a service principal (graph-facts §4.2). Writes carry
 * `"@odata.type": "#Microsoft.DirectoryServices.CustomSecurityAttributeValue"` per attribute set;
 * reads return `#microsoft.graph.customSecurityAttributeValue` — the namespace asymmetry real
 * clients trip on. Values are checked against the definitions: known, Available, the right type,
 * collections annotated, predefined values only when the definition says so. null / [] remove.
 */
import type { GraphObject } from '../../snapshot/types.js';

export const WRITE_TYPE = '#Microsoft.DirectoryServices.CustomSecurityAttributeValue';
export const READ_TYPE = '#microsoft.graph.customSecurityAttributeValue';

export type CsaStore = Record<string, Record<string, unknown>>;
export type CsaResult = { ok: true; value: CsaStore | null } | { ok: false; message: string };

interface Definition { id: string; type: string; status: string; isCollection: boolean; usePreDefinedValuesOnly: boolean; allowed: Map<string, boolean> }

function definitions(defs: readonly GraphObject[]): Map<string, Definition> {
  const out = new Map<string, Definition>();
  for (const d of defs) {
    if (typeof d.id !== 'string') continue;
    const allowed = new Map<string, boolean>();
    for (const v of Array.isArray(d.allowedValues) ? d.allowedValues : []) {
      if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') allowed.set((v as { id: string }).id, (v as { isActive?: unknown }).isActive !== false);
    }
    out.set(d.id.toLowerCase(), {
      id: d.id, type: String(d.type ?? 'String'), status: String(d.status ?? 'Available'),
      isCollection: d.isCollection === true, usePreDefinedValuesOnly: d.usePreDefinedValuesOnly === true, allowed,
    });
  }
  return out;
}

function typeOk(def: Definition, v: unknown): boolean {
  if (def.type === 'String') return typeof v === 'string';
  if (def.type === 'Integer') return typeof v === 'number' && Number.isInteger(v);
  if (def.type === 'Boolean') return typeof v === 'boolean';
  return false;
}

/** Apply a PATCH's customSecurityAttributes to the stored value. */
export function applyCsaPatch(current: unknown, patch: unknown, attributeSets: readonly GraphObject[], defs: readonly GraphObject[]): CsaResult {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return { ok: false, message: "Invalid value for property 'customSecurityAttributes': an object keyed by attribute set is required." };
  const store: CsaStore = current && typeof current === 'object' ? structuredClone(current as CsaStore) : {};
  const sets = new Map(attributeSets.filter((s) => typeof s.id === 'string').map((s) => [String(s.id).toLowerCase(), String(s.id)]));
  const byId = definitions(defs);
  for (const [setKey, setValue] of Object.entries(patch as Record<string, unknown>)) {
    const setName = sets.get(setKey.toLowerCase());
    if (!setName) return { ok: false, message: `The attribute set '${setKey}' does not exist.` };
    if (!setValue || typeof setValue !== 'object' || Array.isArray(setValue)) return { ok: false, message: `The value of attribute set '${setKey}' must be an object.` };
    const entries = setValue as Record<string, unknown>;
    const annotation = entries['@odata.type'];
    if (typeof annotation !== 'string' || annotation.toLowerCase() !== WRITE_TYPE.toLowerCase()) {
      return { ok: false, message: `The attribute set '${setKey}' needs "@odata.type": "${WRITE_TYPE}".` };
    }
    const target = store[setName] ?? { '@odata.type': READ_TYPE };
    for (const [attrKey, value] of Object.entries(entries)) {
      if (attrKey.includes('@')) continue;
      const def = byId.get(`${setName}_${attrKey}`.toLowerCase());
      if (!def) return { ok: false, message: `The custom security attribute '${setName}_${attrKey}' does not exist.` };
      if (def.status !== 'Available') return { ok: false, message: `The custom security attribute '${def.id}' is deprecated and cannot be assigned.` };
      const attrName = def.id.slice(setName.length + 1);
      if (value === null || (Array.isArray(value) && value.length === 0)) {
        delete target[attrName];
        delete target[`${attrName}@odata.type`];
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      if (Array.isArray(value)) {
        if (!def.isCollection) return { ok: false, message: `The custom security attribute '${def.id}' is single-valued; a list was given.` };
        const ann = entries[`${attrKey}@odata.type`];
        const expected = def.type === 'Integer' ? '#Collection(Int32)' : '#Collection(String)';
        if (typeof ann !== 'string' || ann.toLowerCase() !== expected.toLowerCase()) return { ok: false, message: `The multi-valued attribute '${def.id}' needs "${attrKey}@odata.type": "${expected}".` };
      } else if (def.isCollection) {
        return { ok: false, message: `The custom security attribute '${def.id}' is multi-valued; send a list with "${attrKey}@odata.type": "#Collection(String)".` };
      } else if (def.type === 'Integer' && (entries[`${attrKey}@odata.type`] as string | undefined)?.toLowerCase() !== '#int32') {
        return { ok: false, message: `The integer attribute '${def.id}' needs "${attrKey}@odata.type": "#Int32".` };
      }
      for (const v of values) {
        if (!typeOk(def, v)) return { ok: false, message: `The value for '${def.id}' must be of type ${def.type}.` };
        if (def.usePreDefinedValuesOnly && def.allowed.get(String(v)) !== true) return { ok: false, message: `'${String(v)}' is not an allowed value of the custom security attribute '${def.id}'.` };
      }
      target[attrName] = Array.isArray(value) ? [...value] : value;
      if (Array.isArray(value)) target[`${attrName}@odata.type`] = def.type === 'Integer' ? '#Collection(Int32)' : '#Collection(String)';
      else if (def.type === 'Integer') target[`${attrName}@odata.type`] = '#Int32';
      else delete target[`${attrName}@odata.type`];
    }
    const hasValues = Object.keys(target).some((k) => !k.includes('@'));
    if (hasValues) store[setName] = target; else delete store[setName];
  }
  return { ok: true, value: Object.keys(store).length ? store : null };
}

/**
 * Deterministic GUIDs from names: the same (namespace, name) always gives the same id, so the demo
 * tenant's ids are stable across rebuilds and readable code can refer to "the Jamf Connect app"
 * instead of a pasted GUID.
 */
import { createHash } from 'node:crypto';
import { formatGuid } from './prng.js';

export function guidFrom(namespace: string, name: string): string {
  return formatGuid(createHash('sha256').update(`${namespace}\u0000${name}`).digest('hex'));
}

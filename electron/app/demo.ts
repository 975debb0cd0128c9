/**
 * The shipped demo tenant: resources/demo-tenant.json, read with the snapshot loader and moved in
 * time so its newest sign-ins look as recent as they did when the file was generated.
 */
import { IpcError } from '../contract/envelope.js';
import { resourcePath } from '../core/paths.js';
import { loadSnapshotFile } from '../core/snapshot/load.js';
import { shiftSnapshotTimes, timeShiftFor } from '../core/snapshot/time-shift.js';
import type { TenantSnapshot } from '../core/snapshot/types.js';

export async function loadShippedDemoSnapshot(now: Date, path = resourcePath('demo-tenant.json')): Promise<TenantSnapshot> {
  const result = await loadSnapshotFile(path);
  if (!result.ok) throw new IpcError('internal', `The demo tenant could not be read: ${result.error.message}`);
  return shiftSnapshotTimes(result.snapshot, timeShiftFor(result.snapshot, now));
}

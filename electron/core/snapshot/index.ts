/** Public surface of the tenant snapshot format (docs/snapshot-format.md). */
export { DEFAULT_LIMITS, emptySnapshot, loadSnapshotFile, parseSnapshot, type SnapshotLimits } from './load.js';
export { serializeSnapshot, serializeSnapshotChunks, writeSnapshotFile } from './write.js';
export { shiftIsoTime, shiftSnapshotTimes, timeShiftFor } from './time-shift.js';
export { COLLECTION_KEYS, SNAPSHOT_FORMAT_VERSION, TOP_LEVEL_ORDER, emulatorUserExtrasSchema, snapshotSchema } from './schema.js';
export type { GraphObject, SnapshotError, SnapshotParseResult, SnapshotStory, TenantSnapshot } from './types.js';

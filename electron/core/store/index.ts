export { openStore, Store } from './store.js';
export type { Recovery } from './open-database.js';
export type { RawSignIn, SignInQuery, PolicyHit } from './sign-ins-repo.js';
export type { RawObject, PolicyVersion } from './policies-repo.js';
export type { AuditEntry, AuditEntryInput } from './audit-repo.js';
export type { SyncWindow, Freshness } from './sync-state-repo.js';
export type { ImportRecord } from './imports-repo.js';

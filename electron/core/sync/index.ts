export { syncUserSignIns, userSignInsResource, type TargetedSyncInput, type TargetedSyncResult } from './targeted-sync.js';
export { runFullSync, windowsOf, FULL_SYNC_JOB_KEY, WATERMARK_KEY, TENANT_SIGNINS_RESOURCE, type FullSyncInput, type FullSyncResult } from './full-sync.js';
export { syncDirectory, syncUser, detectJamfConnectApps, type DirectorySyncResult, type PartResult, type UserSyncResult } from './directory-sync.js';
export { refreshForDiagnosis, refreshDiagnosisDirectory, type DiagnosisRefreshInput, type DiagnosisRefreshResult, type DiagnosisDirectoryInput, type DiagnosisDirectoryResult, type Outcome } from './diagnosis-refresh.js';
export { readWithFallback, type ReadMode, type DataStatus, type Read, type CacheReason } from './offline.js';
export { DataReader } from './read-api.js';
export { signInFilter, USER_EVENT_TYPES } from './sign-in-filter.js';
export type { SyncProgress } from './progress.js';

export { ProfileStore, type ProfileProblem } from './profile-store.js';
export { TenantProfileSchema, DEFAULT_ROPG_SCOPES, type TenantProfile, type TenantProfileInput } from './schema.js';
export { demoProfile, DEMO_PROFILE_NAME, DEMO_CLIENT_ID } from './demo-profile.js';
export { defaultConfigDir, cacheDatabasePath, tokenCachePath, profilesDir } from './config-dir.js';

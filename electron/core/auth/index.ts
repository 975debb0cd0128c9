export { createAuthSession, type AuthSession, type AccountSummary, type DeviceCodeInfo, type OpenBrowser } from './session.js';
export { connect, isEmulatorCloud, type TenantConnection, type EmulatorEndpoint } from './connection.js';
export { READ_SCOPES, WRITE_SCOPES, qualifyScopes } from './scopes.js';
export { MemorySecretStore, EncryptedFileSecretStore, hexKeyFromEnv, type SecretStore, type KeyProvider } from './secret-store.js';
export { secretStoreCachePlugin } from './cache-plugin.js';
export { redact, redactDeep } from './redact.js';
export { createLogger, fileLogger, silentLogger, type Logger, type LogLevel } from './logger.js';
export { emulatorOpenBrowser, approveDeviceCode } from './emulator-browser.js';
export { mapAuthError } from './errors.js';

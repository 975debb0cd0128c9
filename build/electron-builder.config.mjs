// electron-builder configuration for Lockout Lens: `electron-builder --config build/electron-builder.config.mjs`.
// What goes into app.asar is exactly the `files` list: the bundled main (with core) and preload in out/, the renderer bundle and the
// shipped resources (demo tenant, AADSTS catalogue, icons). Sources, tests, benchmarks and dev tooling stay out;
// test/unit/packaging/*.test.ts pins both this file and the contents of a real asar built from it.

/** Fuses flipped at package time (electron/fuses): the shipped binary cannot be turned into a generic Node
 *  runtime, cannot be inspected or fed NODE_OPTIONS, and loads only the integrity-checked app.asar. */
export const releaseFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'com.lockoutlens.desktop',
  productName: 'Lockout Lens',
  copyright: 'Copyright © 2026 Lockout Lens',
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'package.json',
    'out/**/*',
    'dist-web/**/*',
    'resources/**/*',
    '!**/*.map',
    '!**/*.ts',
    '!**/*.md',
    '!resources/icons/*.svg',
  ],
  extraMetadata: { main: 'out/main/app.main.js' },
  asar: true,
  // The native SQLite binding cannot be dlopen()ed from inside an asar archive.
  asarUnpack: ['**/node_modules/better-sqlite3/**'],
  // better-sqlite3 must match Electron's ABI: @electron/rebuild runs here, in `npm run dist` on release machines
  // with network access, never during `npm ci`, so `npm test` keeps running on plain Node.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: releaseFuses,
  // Auto-update is off unless a feed is configured at build time (LOCKOUT_LENS_UPDATE_URL); see docs/packaging.md.
  publish: process.env.LOCKOUT_LENS_UPDATE_URL ? [{ provider: 'generic', url: process.env.LOCKOUT_LENS_UPDATE_URL }] : null,
  mac: {
    category: 'public.app-category.utilities',
    icon: 'resources/icons/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Notarization runs in build/notarize.cjs, and only when the APPLE_* secrets are present.
    notarize: false,
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
  },
  afterSign: 'build/notarize.cjs',
  win: {
    icon: 'resources/icons/icon.ico',
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
  },
  // Per-user install: helpdesk PCs rarely grant admin rights.
  nsis: { oneClick: true, perMachine: false, allowElevation: false },
  linux: {
    icon: 'resources/icons',
    category: 'Utility',
    maintainer: 'Lockout Lens <support@lockoutlens.example>',
    target: ['AppImage', 'deb'],
  },
};

export default config;

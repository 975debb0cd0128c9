/**
 * Main-process bundle: electron/main/app.main.ts → out/main/app.main.js (ESM, Node target).
 * Dependencies stay external (better-sqlite3 is native; msal/graph load from node_modules).
 * out/main/ sits two levels below the project root, like electron/core/, so core's
 * `projectRoot` (electron/core/paths.ts) still finds resources/.
 */
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: fileURLToPath(new URL('../electron/main/app.main.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('../out/main', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      external: ['electron', /^node:/, ...builtinModules, 'better-sqlite3', '@azure/msal-node', '@microsoft/microsoft-graph-client', 'selfsigned', 'zod', 'plist', 'bplist-parser', 'electron-updater'],
      output: { format: 'es', entryFileNames: 'app.main.js' },
    },
  },
  logLevel: 'warn',
});

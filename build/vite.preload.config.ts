/**
 * Preload bundle: electron/preload/preload.cts → out/preload/preload.cjs, ONE CommonJS file —
 * a sandboxed preload may require only 'electron', so everything else is bundled in.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: fileURLToPath(new URL('../electron/preload/preload.cts', import.meta.url)),
    outDir: fileURLToPath(new URL('../out/preload', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs' },
    },
  },
  ssr: { noExternal: true },
  logLevel: 'warn',
});

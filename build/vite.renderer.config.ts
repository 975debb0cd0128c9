/**
 * Renderer build: Svelte 5 → dist-web/ (index.html + hashed JS/CSS, no inline script, so the
 * strict CSP in electron/main/csp.ts holds). `base: './'` keeps asset URLs relative for app://.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist-web', import.meta.url)),
    emptyOutDir: true,
    // Inline assets would become data: URLs for scripts/styles, which the CSP forbids.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
    sourcemap: false,
  },
  logLevel: 'warn',
});

#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx (development install). Packaged builds
// ship compiled JavaScript instead (see build/).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
});

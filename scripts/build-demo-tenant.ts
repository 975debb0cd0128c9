/**
 * Regenerates resources/demo-tenant.json from electron/core/synthetic/demo (deterministic).
 *   node --import tsx scripts/build-demo-tenant.ts           write the file
 *   node --import tsx scripts/build-demo-tenant.ts --check   exit 1 if the committed file differs
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildDemoTenant } from '../electron/core/synthetic/demo/build.js';
import { serializeSnapshot } from '../electron/core/snapshot/write.js';

export const DEMO_TENANT_PATH = fileURLToPath(new URL('../resources/demo-tenant.json', import.meta.url));

const text = serializeSnapshot(buildDemoTenant());
if (process.argv.includes('--check')) {
  const committed = await readFile(DEMO_TENANT_PATH, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error(`${DEMO_TENANT_PATH} is out of date: run node --import tsx scripts/build-demo-tenant.ts`);
    process.exit(1);
  }
  console.log('demo tenant is up to date');
} else {
  await writeFile(DEMO_TENANT_PATH, text);
  console.log(`wrote ${DEMO_TENANT_PATH} (${text.length} characters)`);
}

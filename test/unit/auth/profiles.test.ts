import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStore } from '../../../electron/core/profiles/profile-store.js';
import { defaultConfigDir } from '../../../electron/core/profiles/config-dir.js';
import { AppError } from '../../../electron/core/graph/app-error.js';

function configDir(t: { after: (fn: () => void) => void }) {
  const d = mkdtempSync(join(tmpdir(), 'll-prof-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const contoso = { name: 'contoso', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', cloud: 'public' as const };

test('profiles are stored side by side with defaults filled in; demo is always there', (t) => {
  const store = new ProfileStore(configDir(t));
  const saved = store.save(contoso);
  assert.equal(saved.retentionDays, 30);
  assert.deepEqual(saved.jamfConnect.ropgScopes, ['openid', 'profile', 'email']);
  store.save({ ...contoso, name: 'fabrikam-gov', tenant: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', cloud: 'usgov' });
  assert.deepEqual(store.list().profiles.map((p) => p.name), ['demo', 'contoso', 'fabrikam-gov']);
  assert.equal(store.get('fabrikam-gov').cloud, 'usgov');
  assert.equal(store.remove('contoso'), true);
  assert.throws(() => store.get('contoso'), (e: unknown) => e instanceof AppError && e.code === 'profile_not_found');
});

test('invalid profiles are refused with the field and reason', (t) => {
  const store = new ProfileStore(configDir(t));
  assert.throws(() => store.save({ ...contoso, clientId: 'not-a-guid' }), /clientId: must be a GUID/);
  assert.throws(() => store.save({ ...contoso, tenant: 'contoso' }), /tenant: must be a tenant id/);
  assert.throws(() => store.save({ ...contoso, name: '../evil' }), /name:/);
  assert.throws(() => store.save({ ...contoso, name: 'demo' }), /built-in demo/);
});

test('a broken profile file is reported, the others still load', (t) => {
  const dir = configDir(t);
  const store = new ProfileStore(dir);
  store.save(contoso);
  mkdirSync(join(dir, 'profiles'), { recursive: true });
  writeFileSync(join(dir, 'profiles', 'broken.json'), '{ "name": "broken", ');
  const { profiles, problems } = store.list();
  assert.deepEqual(profiles.map((p) => p.name), ['demo', 'contoso']);
  assert.equal(problems[0]?.file, 'broken.json');
  assert.match(problems[0]!.message, /not valid JSON/);
});

test('config dir: override, macOS, Windows, Linux/XDG', () => {
  assert.equal(defaultConfigDir({ LOCKOUT_LENS_HOME: '/x' }, 'linux', '/home/a'), '/x');
  assert.equal(defaultConfigDir({}, 'darwin', '/Users/a'), '/Users/a/Library/Application Support/Lockout Lens');
  assert.equal(defaultConfigDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a').endsWith('Lockout Lens'), true);
  assert.equal(defaultConfigDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/a'), '/cfg/lockout-lens');
});

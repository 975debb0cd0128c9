/**
 * `npm run emulator -- --snapshot FILE`: the CLI prints origin, tenant id, the CA certificate path
 * and the control token, serves the snapshot, and stops cleanly on SIGINT (Ctrl-C). Run as a real
 * child process, like a person would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from '../../../electron/core/net/transport.js';
import { projectRoot } from '../../../electron/core/paths.js';
import { main } from '../../../electron/cli/main.js';
import { tinyTenant, TENANT_ID } from './helpers.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} }, out, err };
}

test('runs a snapshot file, answers over HTTPS with the printed cert, stops on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
  try {
    const file = join(dir, 'tenant.json');
    writeFileSync(file, JSON.stringify(tinyTenant()));
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'emulator', '--snapshot', file, '--seed', '3'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!/control token:/.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(stdout)?.[1];
    const origin = field('origin');
    const certPath = field('CA cert');
    const controlToken = field('control token');
    assert.match(origin ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(field('tenant id'), TENANT_ID);
    assert.ok(certPath && existsSync(certPath));
    const transport = createTransport({ trust: { origin: origin!, caPem: readFileSync(certPath!, 'utf8') } });
    const state = await transport(`${origin}/_control/state`, { headers: { authorization: `Bearer ${controlToken}` } });
    assert.equal(state.status, 200);
    assert.equal(((await state.json()) as { users: unknown[] }).users.length, tinyTenant().users.length);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.ok(!existsSync(certPath!), 'the temporary certificate file is removed');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a malformed snapshot is refused with its position, a bad port is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
  try {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "users": [\n    { "id": 1 }\n  ]\n}\n');
    const bad = capture();
    assert.equal(await main(['emulator', '--snapshot', file], bad.io), 3);
    assert.match(bad.err.join(''), /broken\.json:\d+:\d+: /);
    const port = capture();
    assert.equal(await main(['emulator', '--port', 'abc'], port.io), 2);
    assert.match(port.err.join(''), /--port must be a whole number/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

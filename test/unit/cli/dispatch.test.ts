import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../electron/cli/main.js';
import { EXIT } from '../../../electron/cli/command.js';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} }, out, err };
}

test('an unknown command is a usage error that names the command', async () => {
  const { io, err } = captureIo();
  assert.equal(await main(['no-such-command'], io), EXIT.usage);
  assert.match(err.join(''), /unknown command 'no-such-command'/);
});

test('no command prints usage and exits with the usage code', async () => {
  const { io, out } = captureIo();
  assert.equal(await main([], io), EXIT.usage);
  assert.match(out.join(''), /usage: lockout-lens <command>/);
});

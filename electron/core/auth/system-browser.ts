import { spawn } from 'node:child_process';
import type { OpenBrowser } from './session.js';

/**
 * Opens the sign-in page in the system browser (CLI; the app uses shell.openExternal). Only https
 * URLs on the expected authority host are opened — the URL comes from MSAL, but a launcher must
 * never be handed an arbitrary string.
 */
export function systemBrowser(authorityHost: string, platform: NodeJS.Platform = process.platform): OpenBrowser {
  const expected = new URL(authorityHost).host;
  return async (url: string) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' || target.host !== expected) {
      throw new Error(`refusing to open ${target.origin}: not the sign-in authority ${expected}`);
    }
    const [cmd, args] = platform === 'darwin' ? ['open', [target.href]]
      : platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', target.href]]
        : ['xdg-open', [target.href]];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
      child.once('error', reject);
      child.once('spawn', () => { child.unref(); resolve(); });
    });
  };
}

/**
 * The emulator's HTML: the demo sign-in page (pick an operator account), the device-code page, and
 * the auto-submitting form_post answer MSAL's loopback server expects (msal-node 7 accepts only
 * POST / with a form body; graph-facts §8.3). Plain forms so a test can "click" by posting fields.
 */
import { escapeHtml } from '../http.js';

export interface AccountChoice {
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly roles: readonly string[];
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}
fieldset{border:1px solid #ccc;border-radius:6px}label{display:block;padding:.35rem 0}
.role{color:#555;font-size:.85em}.error{color:#a00}button{margin-top:1rem;padding:.5rem 1.2rem}</style>
</head><body>${body}</body></html>`;

export function accountPickerPage(opts: { action: string; hidden: Record<string, string>; accounts: readonly AccountChoice[]; preselect?: string; error?: string; tenantName: string; clientName: string; scopes: readonly string[] }): string {
  const hidden = Object.entries(opts.hidden).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n');
  const pre = opts.preselect?.toLowerCase();
  const radios = opts.accounts.map((a, i) => {
    const checked = pre ? a.userPrincipalName.toLowerCase() === pre : i === 0;
    return `<label><input type="radio" name="login" value="${escapeHtml(a.userPrincipalName)}"${checked ? ' checked' : ''}> ${escapeHtml(a.displayName)} &lt;${escapeHtml(a.userPrincipalName)}&gt;${a.roles.length ? ` <span class="role">${escapeHtml(a.roles.join(', '))}</span>` : ''}</label>`;
  }).join('\n');
  return page('Sign in — Lockout Lens demo tenant', `<h1>Sign in to ${escapeHtml(opts.tenantName)}</h1>
<p>This is the Lockout Lens emulator, not Microsoft. <strong>${escapeHtml(opts.clientName)}</strong> asks for: ${escapeHtml(opts.scopes.join(' ') || '(sign-in only)')}.</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="${escapeHtml(opts.action)}" id="signin">
${hidden}
<fieldset><legend>Choose a demo operator account</legend>
${radios || '<p>No accounts in this tenant.</p>'}
</fieldset>
<button type="submit" name="consent" value="accept">Sign in and accept</button>
</form>`);
}

/** The form_post response: an auto-submitting form that delivers code/state (or error) to redirect_uri. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n');
  return page('Working…', `<form method="post" action="${escapeHtml(redirectUri)}" id="form_post">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById('form_post').submit();</script>`);
}

export function devicePage(opts: { action: string; accounts: readonly AccountChoice[]; message?: string; error?: string }): string {
  const radios = opts.accounts.map((a, i) => `<label><input type="radio" name="login" value="${escapeHtml(a.userPrincipalName)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(a.displayName)} &lt;${escapeHtml(a.userPrincipalName)}&gt;</label>`).join('\n');
  return page('Enter code — Lockout Lens demo tenant', `<h1>Enter code</h1>
${opts.message ? `<p role="status">${escapeHtml(opts.message)}</p>` : ''}
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="${escapeHtml(opts.action)}" id="device">
<label>Code <input name="user_code" autocomplete="off" required></label>
<fieldset><legend>Sign in as</legend>${radios}</fieldset>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="decline">Decline</button>
</form>`);
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(message)}</p>`);
}

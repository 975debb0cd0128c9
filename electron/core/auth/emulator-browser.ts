import type { Transport } from '../net/transport.js';
import type { DeviceCodeInfo, OpenBrowser } from './session.js';

/**
 * A scripted "browser" for the emulator's sign-in pages, so the CLI and tests can sign in headless
 * as a named demo operator (`--operator admin@…`) through the real MSAL interactive / device-code
 * flows. It does what a person does in a browser: load the account picker, choose the account,
 * accept, and let the auto-submitting form_post page deliver the code to MSAL's loopback server.
 * Only for emulator origins — the Transport is the emulator-pinned one.
 */
export function emulatorOpenBrowser(transport: Transport, operator?: string): OpenBrowser {
  return async (authorizeUrl: string) => {
    const picker = await transport(authorizeUrl, { method: 'GET' });
    const pickerHtml = await picker.text();
    if (!picker.ok) throw new Error(`emulator sign-in page: HTTP ${picker.status}: ${textOf(pickerHtml)}`);
    const form = parseForm(pickerHtml, 'signin');
    if (!form) {
      // Errors are delivered straight to the redirect URI as a form_post page — pass them on to MSAL.
      await deliverFormPost(pickerHtml);
      return;
    }
    const login = operator ?? firstRadio(pickerHtml, 'login');
    if (!login) throw new Error('emulator sign-in page offers no account');
    const fields = new URLSearchParams({ ...form.fields, login, consent: 'accept' });
    const action = new URL(form.action, authorizeUrl).href;
    const answer = await transport(action, {
      method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const answerHtml = await answer.text();
    if (parseForm(answerHtml, 'signin')) throw new Error(`emulator refused the sign-in: ${textOf(answerHtml)}`);
    await deliverFormPost(answerHtml);
  };
}

/** Approves a device code on the emulator's verification page, as the operator would in a browser. */
export async function approveDeviceCode(transport: Transport, info: DeviceCodeInfo, operator?: string): Promise<void> {
  const page = await transport(info.verificationUri, { method: 'GET' });
  const html = await page.text();
  const form = parseForm(html, 'device');
  if (!form) throw new Error(`emulator device page has no form (HTTP ${page.status})`);
  const login = operator ?? firstRadio(html, 'login');
  if (!login) throw new Error('emulator device page offers no account');
  const fields = new URLSearchParams({ ...form.fields, user_code: info.userCode, login, decision: 'approve' });
  const answer = await transport(new URL(form.action, info.verificationUri).href, {
    method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`emulator did not approve the device code: HTTP ${answer.status}: ${textOf(text)}`);
}

async function deliverFormPost(html: string): Promise<void> {
  const form = parseForm(html, 'form_post');
  if (!form) throw new Error(`emulator answered without a form_post page: ${textOf(html)}`);
  const target = new URL(form.action);
  // MSAL's loopback server listens on http://localhost:<port> — plain loopback, never a remote host.
  if (target.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(target.hostname)) {
    throw new Error(`refusing to post the authorization response to non-loopback ${target.origin}`);
  }
  const response = await fetch(target.href, {
    method: 'POST', body: new URLSearchParams(form.fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await response.text();
}

interface ParsedForm { action: string; fields: Record<string, string> }

function parseForm(html: string, id: string): ParsedForm | null {
  const open = new RegExp(`<form\\b[^>]*\\bid="${id}"[^>]*>`, 'i').exec(html);
  if (!open) return null;
  const action = /\baction="([^"]*)"/i.exec(open[0])?.[1];
  if (action === undefined) return null;
  const end = html.indexOf('</form>', open.index);
  const body = html.slice(open.index, end === -1 ? undefined : end);
  const fields: Record<string, string> = {};
  for (const m of body.matchAll(/<input\b[^>]*\btype="hidden"[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/i.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(m[0])?.[1] ?? '';
    if (name !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value);
  }
  return { action: unescapeHtml(action), fields };
}

function firstRadio(html: string, name: string): string | undefined {
  const checked = new RegExp(`<input[^>]*type="radio"[^>]*name="${name}"[^>]*value="([^"]*)"[^>]*checked`, 'i').exec(html);
  const any = new RegExp(`<input[^>]*type="radio"[^>]*name="${name}"[^>]*value="([^"]*)"`, 'i').exec(html);
  const value = checked?.[1] ?? any?.[1];
  return value === undefined ? undefined : unescapeHtml(value);
}

function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function textOf(html: string): string {
  const alert = /role="alert">([^<]*)</.exec(html)?.[1];
  return unescapeHtml(alert ?? html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300));
}

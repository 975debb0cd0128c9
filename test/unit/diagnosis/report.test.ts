/** Report export: hostile tenant strings are data, never markup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, visibleText } from '../../../electron/core/diagnosis/escape.js';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import { toHtml } from '../../../electron/core/diagnosis/report-html.js';
import { toMarkdown } from '../../../electron/core/diagnosis/report-markdown.js';
import * as f from './fixtures.js';

const XSS = '<img src=x onerror=alert(1)>';
const RLO = '\u202E'; // RIGHT-TO-LEFT OVERRIDE: makes "exe.txt" read as "txt.exe"
const LONG = 'A'.repeat(10_000);

function hostileDiagnosis() {
  const name = `${XSS} [click](javascript:alert(1)) | pipe ${RLO}gnp.exe`;
  const snap = f.tenant({
    user: { id: f.USER_ID, userPrincipalName: f.UPN, displayName: `${XSS}${LONG}`, accountEnabled: true },
    policies: [{ ...f.devicePolicy(), displayName: name }],
    signIns: [f.signIn({ at: f.ago(10), code: 53000, id: `<script>alert("id")</script>`, failureReason: XSS, policies: [f.applied(f.P_DEVICE, name, 'failure', [XSS])] })],
  });
  return diagnoseFromSnapshot(snap, f.UPN, { days: 7 });
}

test('HTML report: no tag, script or event handler from the data survives; bidi marks are made visible', () => {
  const html = toHtml(hostileDiagnosis());
  assert.ok(!html.includes('<img'), 'no <img> tag');
  assert.ok(!html.includes('<script'), 'no <script> tag');
  assert.ok(!/<[^>]*\sonerror=/i.test(html), 'no onerror attribute inside any tag');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the text is shown escaped');
  assert.ok(!html.includes(RLO), 'no raw RIGHT-TO-LEFT OVERRIDE');
  assert.ok(html.includes('[U+202E]'));
  assert.ok(!html.includes('A'.repeat(1000)), 'a 10k-character name is cut');
  assert.match(html, /more characters\)/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  // Self-contained: no external resources, no scripts of our own.
  assert.ok(!/<(script|link|iframe|object)\b/i.test(html));
  assert.ok(!/<[^>]*\s(src|href)=/i.test(html), 'no src/href attribute inside any tag');
});

test('Markdown report: hostile names cannot open HTML, links, images or break a table row', () => {
  const md = toMarkdown(hostileDiagnosis());
  assert.ok(!md.includes('<img'));
  assert.ok(!md.includes('<script'));
  assert.ok(md.includes('&lt;img src=x onerror=alert\\(1\\)&gt;'), 'shown as text, entity-encoded and escaped');
  assert.ok(!md.includes('[click](javascript'), 'link syntax is escaped');
  assert.ok(md.includes('\\[click\\]\\(javascript'));
  assert.ok(!md.includes(RLO));
  // Every table row has the same number of unescaped cell separators as its header.
  const lines = md.split('\n').filter((l) => l.startsWith('| Require') || l.includes('pipe'));
  for (const l of lines) assert.ok(!/[^\\]\| pipe/.test(l), `pipe in data is escaped: ${l.slice(0, 80)}`);
  assert.ok(!md.includes('A'.repeat(1000)));
});

test('reports carry the verdict, evidence and recommendations', () => {
  const d = hostileDiagnosis();
  const md = toMarkdown(d);
  assert.match(md, /\*\*LOCKED OUT\*\*/);
  assert.match(md, /53000/);
  assert.match(md, /## Recommendations/);
  assert.match(md, /exemptFromPolicy/);
  const html = toHtml(d);
  assert.match(html, /class="verdict locked"/);
});

test('escape helpers', () => {
  assert.equal(escapeHtml(`a<b>"c'&`), 'a&lt;b&gt;&quot;c&#39;&amp;');
  assert.equal(visibleText('a\u200Fb\u0000c\nd'), 'a[U+200F]b[U+0000]c d');
  assert.equal(escapeMarkdown('- 1. *x* _y_ `z`'), '\\- 1. \\*x\\* \\_y\\_ \\`z\\`');
  assert.equal(escapeMarkdown('1. list'), '1\\. list');
  // A surrogate pair is never cut in half.
  const s = visibleText('😀'.repeat(400), 301);
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(s));
});

/**
 * The diagnosis as one self-contained HTML file: inline CSS, no scripts, no external resources (a
 * CSP meta tag forbids them too), every tenant string escaped. Prints to PDF from any browser.
 */
import { escapeHtml as h } from './escape.js';
import { buildReportModel, type Table } from './report-model.js';
import type { Diagnosis } from './types.js';

const CSS = `
body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
.verdict{padding:.75rem 1rem;border-radius:6px;font-weight:600;margin:.5rem 0 1rem}
.locked{background:#ffebe9;border:1px solid #cf222e}.ok{background:#dafbe1;border:1px solid #1a7f37}
.warn{background:#fff8c5;border:1px solid #9a6700;padding:.5rem 1rem;border-radius:6px}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.grid{table-layout:fixed}table.facts th{width:16rem}
th{background:#f6f8fa}footer{margin-top:2rem;color:#57606a;font-size:.85rem}
@media print{body{margin:0;max-width:none}}
`;

/** Fixed column widths (percent) keep long ids and rule text from pushing the table off the page. */
function table(t: Table, widths: readonly number[]): string {
  if (t.rows.length === 0) return '<p><em>None.</em></p>';
  const cols = `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
  return `<table class="grid">${cols}<thead><tr>${t.headers.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function toHtml(diagnosis: Diagnosis): string {
  const m = buildReportModel(diagnosis);
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(m.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${h(m.title)}</h1>`,
    `<div class="verdict ${m.lockedOut ? 'locked' : 'ok'}">${h(m.headline)} — ${h(m.summary)}</div>`,
    `<table class="facts"><tbody>${m.facts.map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td>${h(v)}</td></tr>`).join('')}</tbody></table>`,
  ];
  if (m.warnings.length) parts.push('<h2>Warnings</h2>', `<div class="warn"><ul>${m.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></div>`);
  parts.push('<h2>Recommendations</h2>', m.recommendations.length ? `<ol>${m.recommendations.map((r) => `<li>${h(r)}</li>`).join('')}</ol>` : '<p><em>No action needed.</em></p>');
  parts.push('<h2>Prediction for the next password check</h2>', `<ul>${m.prediction.map((l) => `<li>${h(l)}</li>`).join('')}</ul>`);
  if (m.disagreement) parts.push(`<p class="warn"><strong>Log and prediction disagree</strong> — ${h(m.disagreement)}</p>`);
  parts.push('<h2>Policies</h2>', table(m.policies, [22, 10, 13, 11, 12, 32]), '<h2>Evidence (newest failures first)</h2>', table(m.evidence, [14, 16, 7, 15, 15, 33]));
  if (m.noise.length) parts.push('<h2>Not a lockout: MFA noise</h2>', `<ul>${m.noise.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`);
  parts.push(`<footer>${h(m.footer)}</footer>`, '</body></html>', '');
  return parts.join('\n');
}

/** The diagnosis as Markdown, to paste into a ticket. Every tenant string is escaped (escape.ts). */
import { escapeMarkdown as md } from './escape.js';
import { buildReportModel, type Table } from './report-model.js';
import type { Diagnosis } from './types.js';

function table(t: Table): string[] {
  if (t.rows.length === 0) return ['_None._'];
  return [
    `| ${t.headers.map(md).join(' | ')} |`,
    `| ${t.headers.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(md).join(' | ')} |`),
  ];
}

export function toMarkdown(diagnosis: Diagnosis): string {
  const m = buildReportModel(diagnosis);
  const out: string[] = [
    `# ${md(m.title)}`,
    '',
    `**${md(m.headline)}** — ${md(m.summary)}`,
    '',
    '| | |',
    '| --- | --- |',
    ...m.facts.map(([k, v]) => `| ${md(k)} | ${md(v)} |`),
    '',
  ];
  if (m.warnings.length) out.push('## Warnings', '', ...m.warnings.map((w) => `- ⚠ ${md(w)}`), '');
  out.push('## Recommendations', '', ...(m.recommendations.length ? m.recommendations.map((r, i) => `${i + 1}. ${md(r)}`) : ['_No action needed._']), '');
  out.push('## Prediction for the next password check', '', ...m.prediction.map((l) => `- ${md(l)}`));
  if (m.disagreement) out.push(`- **⚠ Log and prediction disagree** — ${md(m.disagreement)}`);
  out.push('', '## Policies', '', ...table(m.policies), '', '## Evidence (newest failures first)', '', ...table(m.evidence), '');
  if (m.noise.length) out.push('## Not a lockout: MFA noise', '', ...m.noise.map((n) => `- ${md(n)}`), '');
  out.push(`_${md(m.footer)}_`, '');
  return out.join('\n');
}

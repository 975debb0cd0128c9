/** Renders results as a console table and as the Markdown figures section of BENCHMARKS.md. */
import type { MachineInfo } from './machine.js';
import type { CaseResult, Figure } from './result.js';

export interface RunRecord {
  readonly startedAt: string;
  readonly mode: 'quick' | 'full';
  readonly machine: MachineInfo;
  readonly results: readonly (CaseResult & { readonly ranAt: string })[];
}

export function fmtNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function fmtValue(f: Figure): string {
  return `${fmtNumber(f.value)} ${f.unit}`;
}

function fmtMet(f: Figure): string {
  if (f.met === undefined) return '—';
  return f.met ? 'yes' : 'NO';
}

function fmtBaseline(f: Figure): string {
  if (!f.baseline) return '—';
  return `${f.baseline.label}: ${fmtNumber(f.baseline.value)} ${f.baseline.unit}`;
}

function fmtRatio(f: Figure): string {
  return f.ratio === undefined ? '—' : `${fmtNumber(f.ratio)}×`;
}

const STATUS_TEXT: Record<CaseResult['status'], string> = {
  ok: 'ok',
  incorrect: 'FAILED: wrong answer',
  error: 'FAILED: error',
  crashed: 'FAILED: crashed',
  'not-yet': 'not yet',
};

/** One row per figure; a case without figures (not-yet, crashed) gets one row with its status. */
function rows(results: readonly CaseResult[]): string[][] {
  const out: string[][] = [];
  for (const r of results) {
    const statusCell = r.status === 'ok' ? '' : ` [${STATUS_TEXT[r.status]}]`;
    if (r.figures.length === 0) {
      out.push([`${r.case}${statusCell}`, firstLine(r.reason ?? ''), '', '', '', '', '']);
      continue;
    }
    r.figures.forEach((f, i) => {
      out.push([i === 0 ? `${r.case}${statusCell}` : '', f.name, fmtValue(f), f.target?.text ?? '—', fmtMet(f), fmtBaseline(f), fmtRatio(f)]);
    });
  }
  return out;
}

const HEADER = ['benchmark', 'figure', 'value', 'target', 'met?', 'baseline (naive / limit)', 'ratio'];

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 160);
}

export function consoleTable(results: readonly CaseResult[]): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, c) => Math.min(60, Math.max(...all.map((r) => r[c]!.length))));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownFigures(record: RunRecord): string {
  const m = record.machine;
  const lines: string[] = [];
  lines.push(`Last run: \`npm run bench${record.mode === 'full' ? ' -- --full' : ''}\`, started ${record.startedAt}`
    + ' (a case not re-run by that command keeps its earlier result; see "ran at" below).');
  lines.push('');
  lines.push(`Machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}; `
    + `1-minute load average at start ${m.loadAverage1m}${m.loadAverage1m > m.cores * 0.5 ? ' (machine busy: figures are pessimistic)' : ''}.`);
  lines.push('');
  lines.push(`| ${HEADER.join(' | ')} |`);
  lines.push(`|${HEADER.map(() => '---').join('|')}|`);
  for (const r of rows(record.results)) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  lines.push('');
  lines.push('| benchmark | mode | ran at | sizes | peak RSS of its process | checks |');
  lines.push('|---|---|---|---|---|---|');
  for (const r of record.results) {
    const sizes = Object.entries(r.params).map(([k, v]) => `${k}=${typeof v === 'number' ? fmtNumber(v) : String(v)}`).join(', ');
    const passed = r.checks.filter((c) => c.ok).length;
    lines.push(`| ${r.case} | ${r.mode} | ${r.ranAt} | ${mdCell(sizes || '—')} | ${r.peakRssMb === null ? '—' : `${fmtNumber(r.peakRssMb)} MB`} | ${passed}/${r.checks.length} passed |`);
  }
  const missed = record.results.flatMap((r) => r.figures.filter((f) => f.met === false).map((f) => ({ r, f })));
  const notOk = record.results.filter((r) => r.status !== 'ok');
  if (missed.length || notOk.length) {
    lines.push('');
    lines.push('Missed targets and cases that did not pass (generated from the run):');
    lines.push('');
    for (const { r, f } of missed) lines.push(`- **${r.case} / ${f.name}**: ${fmtValue(f)} vs ${f.target!.text}. ${f.note ?? ''}`.trimEnd());
    for (const r of notOk) {
      const failed = r.checks.filter((c) => !c.ok).map((c) => `${c.name}${c.detail ? ` (${c.detail})` : ''}`);
      lines.push(`- **${r.case}**: ${STATUS_TEXT[r.status]}${r.reason ? ` — ${mdCell(firstLine(r.reason))}` : ''}${failed.length ? ` — failed checks: ${mdCell(failed.join('; '))}` : ''}`);
    }
  }
  const notes = record.results.flatMap((r) => r.notes.map((n) => `- ${r.case}: ${mdCell(n)}`));
  if (notes.length) {
    lines.push('');
    lines.push('Notes recorded by the cases:');
    lines.push('');
    lines.push(...notes);
  }
  return lines.join('\n');
}

export const MD_START = '<!-- bench:figures:start (generated by `npm run bench -- --write-md`; edits here are overwritten) -->';
export const MD_END = '<!-- bench:figures:end -->';

/** Replaces the text between the markers; refuses (throws) when the markers are missing or out of order. */
export function replaceBetweenMarkers(doc: string, body: string): string {
  const start = doc.indexOf(MD_START);
  const end = doc.indexOf(MD_END);
  if (start < 0 || end < 0 || end < start) {
    throw new Error('BENCHMARKS.md: figure markers not found; expected the bench:figures:start / end comments');
  }
  return `${doc.slice(0, start + MD_START.length)}\n${body}\n${doc.slice(end)}`;
}

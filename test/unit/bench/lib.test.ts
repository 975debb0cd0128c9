// Unit tests of the bench harness's own logic (judging, ratios, percentiles, the Markdown rewrite).
// The benchmark harness's own logic (judging, ratios, percentiles, the BENCHMARKS.md markers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BenchContext } from '../../../bench/lib/case.js';
import { consoleTable, markdownFigures, MD_END, MD_START, replaceBetweenMarkers } from '../../../bench/lib/format.js';
import { percentile } from '../../../bench/lib/measure.js';
import { judge, ratioOf, type CaseResult } from '../../../bench/lib/result.js';

test('judge: >= and <= targets, inclusive at the limit', () => {
  assert.equal(judge(1_000_000, { op: '>=', value: 1_000_000, text: '' }), true);
  assert.equal(judge(999_999, { op: '>=', value: 1_000_000, text: '' }), false);
  assert.equal(judge(20, { op: '<=', value: 20, text: '' }), true);
  assert.equal(judge(20.01, { op: '<=', value: 20, text: '' }), false);
  assert.equal(judge(5, undefined), undefined);
});

test('ratio: > 1 means better than the baseline, for rates and for times', () => {
  assert.equal(ratioOf(300, { label: 'raw', value: 600, unit: 'rows/s' }, true), 0.5);
  assert.equal(ratioOf(10, { label: 'cold', value: 2000, unit: 'ms' }, false), 200);
  assert.equal(ratioOf(0, { label: 'x', value: 5, unit: 'ms' }, false), undefined);
  assert.equal(ratioOf(5, undefined, true), undefined);
});

test('percentile: nearest rank', () => {
  const sample = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
  assert.equal(percentile(sample, 50), 50);
  assert.equal(percentile(sample, 95), 95);
  assert.equal(percentile(sample, 100), 100);
  assert.equal(percentile([7], 95), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('a failed check is recorded and a figure carries met / ratio', () => {
  const ctx = new BenchContext('quick');
  const origWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    assert.equal(ctx.checkEqual('count', 3, 4), false);
    const f = ctx.figure({ name: 'rate', value: 400, unit: 'rows/s', higherIsBetter: true,
      target: { op: '>=', value: 500, text: '≥ 500' }, baseline: { label: 'raw', value: 800, unit: 'rows/s' }, noteIfMissed: 'why' });
    assert.equal(f.met, false);
    assert.equal(f.ratio, 0.5);
    assert.equal(f.note, 'why');
  } finally {
    process.stderr.write = origWrite;
  }
  assert.deepEqual(ctx.checks.map((c) => c.ok), [false]);
  assert.equal(ctx.scale(1, 2), 1);
});

const result = (over: Partial<CaseResult> = {}): CaseResult & { ranAt: string } => ({
  case: 'ingest', title: 't', mode: 'quick', status: 'ok', figures: [], checks: [], params: {}, notes: [], peakRssMb: 100, wallMs: 1, ranAt: '2026-12-01T00:00:00Z', ...over,
});

test('tables mark wrong answers and missed targets', () => {
  const r = result({
    status: 'incorrect',
    checks: [{ name: 'ids', ok: false, detail: '1 missing' }],
    figures: [{ name: 'rate', value: 1, unit: 'x', higherIsBetter: true, target: { op: '>=', value: 2, text: '≥ 2' }, met: false, note: 'slow because' }],
  });
  const text = consoleTable([r]);
  assert.match(text, /ingest \[FAILED: wrong answer\]/);
  assert.match(text, /NO/);
  const md = markdownFigures({ startedAt: 'now', mode: 'quick', machine: { cpuModel: 'cpu', cores: 2, memoryGb: 1, node: 'v20', platform: 'linux', loadAverage1m: 9 }, results: [r] });
  assert.match(md, /figures are pessimistic/);
  assert.match(md, /slow because/);
  assert.match(md, /failed checks: ids \(1 missing\)/);
  assert.match(consoleTable([result({ status: 'not-yet', reason: 'harness missing' })]), /\[not yet\]\s+harness missing/);
});

test('replaceBetweenMarkers rewrites only the generated section, and refuses without markers', () => {
  const doc = `# B\nintro\n${MD_START}\nold\n${MD_END}\noutro\n`;
  const out = replaceBetweenMarkers(doc, 'new table');
  assert.equal(out, `# B\nintro\n${MD_START}\nnew table\n${MD_END}\noutro\n`);
  assert.equal(replaceBetweenMarkers(out, 'again'), `# B\nintro\n${MD_START}\nagain\n${MD_END}\noutro\n`);
  assert.throws(() => replaceBetweenMarkers('# no markers', 'x'), /markers not found/);
});

/**
 * A readable diff of two JSON values for the preview: one line per changed leaf, with its path —
 * `~ conditions.applications.applicationFilter.rule: "a" → "(a) -or (b)"`. Arrays are compared
 * as whole values at their path, because CA collections are sets an admin reads as one list.
 */

export function jsonDiff(before: unknown, after: unknown, root = ''): string {
  const lines: string[] = [];
  walk(before, after, root, lines);
  return lines.length ? lines.join('\n') : '(no change)';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

function walk(a: unknown, b: unknown, path: string, out: string[]): void {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const where = path || '(root)';
  if (a === undefined) out.push(`+ ${where}: ${show(b)}`);
  else if (b === undefined) out.push(`- ${where}: ${show(a)}`);
  else out.push(`~ ${where}: ${show(a)} → ${show(b)}`);
}

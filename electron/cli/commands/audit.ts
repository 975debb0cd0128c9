/**
 * `lockout-lens audit` — the audit log of every attempted tenant write (failed ones included), as
 * text, JSON or CSV (RFC 4180, formula-safe) for a ticket or a spreadsheet.
 */
import { parseArgs } from 'node:util';
import { auditToCsv, auditToJson } from '../../core/exemption/audit-export.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { openAuditStore } from './exempt.js';
import { InputError, loadSnapshotOrThrow, UsageError, withExitCodes } from './evaluate.js';

const HELP = `usage: lockout-lens audit (--tenant ID | --snapshot FILE) [--operation ID] [--limit N] [--json | --csv] [--db PATH]

Prints the audit log (oldest first): who changed what, when, before and after, Graph request ids, outcome.
Exit: 0 ok, 2 usage, 3 input.
`;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv], strict: true, allowPositionals: false,
    options: { tenant: { type: 'string' }, snapshot: { type: 'string' }, operation: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) { io.stdout(HELP); return EXIT.ok; }
  if (values.json && values.csv) throw new UsageError('give either --json or --csv, not both');
  const limit = values.limit === undefined ? 10_000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number (got '${values.limit}')`);
  let tenantId = values.tenant;
  if (!tenantId && values.snapshot) {
    const id = (await loadSnapshotOrThrow(values.snapshot)).organization[0]?.id;
    if (typeof id !== 'string') throw new InputError(`${values.snapshot} has no organization id`);
    tenantId = id;
  }
  if (!tenantId && !values.operation) throw new UsageError('--tenant ID, --snapshot FILE or --operation ID is required');
  const store = openAuditStore(values.db, io);
  try {
    const entries = values.operation
      ? store.audit.byOperation(values.operation).filter((e) => !tenantId || e.tenantId === tenantId)
      : store.audit.list(tenantId!, limit).reverse();
    if (values.csv) io.stdout(auditToCsv(entries));
    else if (values.json) io.stdout(auditToJson(entries));
    else if (!entries.length) io.stdout('The audit log has no entries for this selection.\n');
    else for (const e of entries) io.stdout(`${e.at}  ${e.actor}  ${e.action}  ${e.objectType} ${e.objectId}  ${e.outcome}${e.requestIds.length ? `  [${e.requestIds.join(', ')}]` : ''}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

const command: CliCommand = {
  name: 'audit',
  summary: 'print or export the audit log of tenant writes (text, JSON, CSV)',
  run: (argv, io) => withExitCodes(io, 'audit', () => run(argv, io)),
};
export default command;

/**
 * RFC 4180 CSV: quoted fields with "" escapes and embedded newlines, CRLF or LF, a UTF-8 BOM
 * tolerated. Positions are tracked so a malformed file is refused with line and column.
 */
export interface CsvTable { readonly header: string[]; readonly rows: { readonly cells: string[]; readonly line: number }[] }

export class CsvError extends Error {
  constructor(readonly line: number, readonly column: number, message: string) { super(message); }
}

export function parseCsv(text: string): CsvTable {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let col = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') { field += '"'; i += 2; col += 2; continue; }
        quoted = false; i++; col++;
        const next = s[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvError(line, col, `unexpected character '${next}' after a closing quote`);
        }
        continue;
      }
      if (c === '\n') { line++; col = 1; } else col++;
      field += c; i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted && field !== '') throw new CsvError(line, col, 'a quote inside an unquoted field');
      quoted = true; fieldStarted = true; i++; col++;
      continue;
    }
    if (c === ',') { cells.push(field); field = ''; fieldStarted = false; i++; col++; continue; }
    if (c === '\r' || c === '\n') {
      cells.push(field);
      if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line: recordLine });
      cells = []; field = ''; fieldStarted = false;
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++; col = 1; recordLine = line;
      continue;
    }
    field += c; fieldStarted = true; i++; col++;
  }
  if (quoted) throw new CsvError(line, col, 'the file ends inside a quoted field (a closing quote is missing)');
  if (fieldStarted || cells.length) {
    cells.push(field);
    records.push({ cells, line: recordLine });
  }
  if (records.length === 0) throw new CsvError(1, 1, 'the file is empty');
  const [header, ...rows] = records;
  return { header: header!.cells.map((h) => h.trim()), rows };
}

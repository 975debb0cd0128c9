import { AppError } from '../graph/app-error.js';

/** Where in the file the problem is: 1-based line/column for text, record index for rows. */
export interface ImportPosition {
  readonly line?: number;
  readonly column?: number;
  /** JSON path such as `value[12].createdDateTime`, or a CSV column name. */
  readonly path?: string;
  /** 1-based data row of a CSV file or index in a JSON array. */
  readonly record?: number;
}

/** A refused import: nothing was written. The message leads with the position, then the reason. */
export function importRefused(file: string, position: ImportPosition, reason: string): AppError {
  const where = [position.line !== undefined ? `line ${position.line}` : undefined,
    position.column !== undefined ? `column ${position.column}` : undefined,
    position.record !== undefined ? `record ${position.record}` : undefined,
    position.path ? position.path : undefined].filter(Boolean).join(', ');
  return new AppError('invalid_input', `${file}: ${where ? `${where}: ` : ''}${reason}. Nothing was imported.`,
    { file, ...position, reason });
}

export interface ImportResult {
  readonly kind: ImportKind;
  readonly file: string;
  readonly tenantId: string;
  /** Objects stored, per collection (upserts: a re-import counts the same objects again but adds none). */
  readonly counts: Readonly<Record<string, number>>;
  /** True when a file with exactly this content had been imported before. */
  readonly alreadyImported: boolean;
  readonly warnings: readonly string[];
}

export type ImportKind = 'snapshot' | 'graph-json' | 'portal-json' | 'portal-csv' | 'jamf-profile';

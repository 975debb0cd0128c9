import { migration001 } from './001_initial.js';
import { migration002 } from './002_lean_sign_in_writes.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration in order. Append only; never edit or reorder an entry that has shipped. */
export const migrations: readonly Migration[] = [migration001, migration002];

import { migration001 } from './001_initial.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration in order. Append only; never edit or reorder an entry that has shipped. */
export const migrations: readonly Migration[] = [migration001];

/**
 * What every CLI command module exports. Commands get their arguments and an output sink, return an
 * exit code, and never call process.exit themselves — so tests can run them in-process.
 * Exit codes are documented in docs/cli.md.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT = {
  ok: 0,
  /** The command worked and its answer is "bad news" (e.g. diagnose: the user is locked out). */
  finding: 1,
  usage: 2,
  /** Input could not be read or validated (file, snapshot, profile). */
  input: 3,
  /** Tenant / network / Graph error. */
  remote: 4,
  /** Refused for safety: missing role or scope, drift, unconfirmed write. */
  refused: 5,
  internal: 70,
} as const;

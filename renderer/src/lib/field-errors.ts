/**
 * Place the messages of an invalidInput / invalidArguments error next to the form fields they name.
 *
 * Both the IPC router (zod on the contract) and the core profile store describe failures as
 * "path: message; path: message", sometimes after a prefix ("Invalid tenant profile: tenant: …").
 * Anything that names no known field stays in `rest`, shown under the form, so nothing is dropped.
 */
export interface FieldErrors<F extends string> {
  readonly fields: Partial<Record<F, string>>;
  readonly rest: string[];
}

export function splitFieldErrors<F extends string>(message: string, known: readonly F[]): FieldErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const part of message.split(/;\s+/)) {
    const match = known
      .map((f) => ({ f, m: new RegExp(`(?:^|:\\s)${f}(?:\\.(\\d+))?:\\s(.+)$`).exec(part) }))
      .find((x) => x.m !== null);
    if (!match || !match.m) {
      if (part.trim()) rest.push(part.trim());
      continue;
    }
    const index = match.m[1];
    const text = index !== undefined ? `entry ${Number(index) + 1}: ${match.m[2]}` : (match.m[2] ?? '');
    fields[match.f] = fields[match.f] ? `${fields[match.f]}; ${text}` : text;
  }
  return { fields, rest };
}

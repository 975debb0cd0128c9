import { z } from 'zod';

/**
 * The minimum a sign-in row must have to be stored: an id and a createdDateTime that parses as an
 * instant. Every other property is kept as is (loose object) — the raw JSON is the truth.
 */
export const importedSignInSchema = z.looseObject({
  id: z.string().min(1, 'id must not be empty'),
  createdDateTime: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'createdDateTime is not a date/time'),
  userId: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  appId: z.string().nullish(),
  status: z.looseObject({ errorCode: z.number().int().nullish() }).nullish(),
  appliedConditionalAccessPolicies: z.array(z.looseObject({ id: z.string() })).nullish(),
});

export type ImportedSignIn = z.output<typeof importedSignInSchema> & { id: string; createdDateTime: string };

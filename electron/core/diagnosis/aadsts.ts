/**
 * The AADSTS catalogue: what an Entra error code means, what Jamf Connect's ROPG password check does
 * with it, and what the helpdesk should do. The data lives in resources/aadsts-catalogue.json (see
 * docs/diagnosis.md); this module validates it once with zod and answers look-ups. Unknown codes
 * get a graceful "unknown" entry that links to Microsoft's live error lookup instead of throwing.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../paths.js';

export const AADSTS_CATEGORIES = [
  'success',
  'ca-block',
  'ca-device',
  'mfa-interaction',
  'credentials',
  'account-state',
  'risk',
  'tenant-policy',
  'app-config',
  'consent',
  'session',
  'other',
] as const;
export type AadstsCategory = (typeof AADSTS_CATEGORIES)[number];

/** The fix that is not a Conditional Access exemption (password, account, app registration…). */
export const NON_CA_FIXES = [
  'resetPassword',
  'unlock',
  'enableAccount',
  'enablePublicClientFlows',
  'grantConsent',
  'fixClientId',
  'checkUserPrincipalName',
  'registerMfa',
  'remediateRisk',
  'reviewTenantSecurityPolicy',
  'moveFromSecurityDefaults',
  'signInAgain',
  'assignUser',
  'fixAccountLink',
] as const;
export type NonCaFix = (typeof NON_CA_FIXES)[number];

const entrySchema = z.object({
  name: z.string().min(1),
  category: z.enum(AADSTS_CATEGORIES),
  meaning: z.string().min(1),
  jamfConnect: z.object({ countsAsPasswordCorrect: z.boolean(), effect: z.string().min(1) }).strict(),
  helpdesk: z.string().min(1),
  isLockoutCause: z.boolean(),
  /** Entra checked the password before answering (MFA family): the password itself is right. */
  passwordVerified: z.boolean().optional(),
  nonCaFix: z.enum(NON_CA_FIXES).optional(),
}).strict();

const catalogueSchema = z.object({
  formatVersion: z.literal(1),
  source: z.string(),
  lookupUrlTemplate: z.string().includes('{code}'),
  codes: z.record(z.string().regex(/^\d+$/, 'codes are keyed by the decimal AADSTS number'), entrySchema),
}).strict();

export type AadstsCatalogueFile = z.infer<typeof catalogueSchema>;

export interface AadstsEntry extends z.infer<typeof entrySchema> {
  readonly code: number;
  /** false for codes the catalogue does not list. */
  readonly known: boolean;
  /** Microsoft's live lookup page for this code. */
  readonly lookupUrl: string;
}

export interface AadstsCatalogue {
  readonly codes: readonly number[];
  lookup(code: number): AadstsEntry;
}

export function lookupUrl(code: number): string {
  return `https://login.microsoftonline.com/error?code=${encodeURIComponent(String(code))}`;
}

/** Validate catalogue JSON (already parsed). Throws an Error naming the first bad path. */
export function parseCatalogue(json: unknown): AadstsCatalogue {
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`AADSTS catalogue invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown error'}`);
  }
  const byCode = new Map<number, AadstsEntry>();
  for (const [key, entry] of Object.entries(parsed.data.codes)) {
    const code = Number(key);
    byCode.set(code, { ...entry, code, known: true, lookupUrl: lookupUrl(code) });
  }
  return {
    codes: [...byCode.keys()].sort((a, b) => a - b),
    lookup(code: number): AadstsEntry {
      return byCode.get(code) ?? unknownEntry(code);
    },
  };
}

/**
 * An unknown non-zero code fails the password check as far as we can tell, so it counts as a
 * possible lockout cause (category 'other') rather than being silently ignored.
 */
function unknownEntry(code: number): AadstsEntry {
  const url = lookupUrl(code);
  return {
    code,
    known: false,
    lookupUrl: url,
    name: `AADSTS${code}`,
    category: 'other',
    meaning: `Code ${code} is not in Lockout Lens's catalogue. Microsoft's description: ${url}`,
    jamfConnect: {
      countsAsPasswordCorrect: false,
      effect: 'Unknown to the catalogue: treated as a failed password check unless it is listed in ROPGSuccessCodes.',
    },
    helpdesk: `Look the code up at ${url} and read the sign-in's failure reason.`,
    isLockoutCause: true,
  };
}

let cached: AadstsCatalogue | undefined;

/** The shipped catalogue (resources/aadsts-catalogue.json), read and validated once. */
export function loadAadstsCatalogue(path: string = resourcePath('aadsts-catalogue.json')): AadstsCatalogue {
  if (path === resourcePath('aadsts-catalogue.json') && cached) return cached;
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`AADSTS catalogue ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const catalogue = parseCatalogue(json);
  if (path === resourcePath('aadsts-catalogue.json')) cached = catalogue;
  return catalogue;
}

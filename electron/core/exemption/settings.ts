/**
 * The custom security attribute that marks an exempt service principal. Defaults follow Jamf's
 * recipe (a String attribute with predefined values, value "Exempt", graph-facts §3.1) with names
 * of our own so we never collide with an attribute an admin made by hand for something else.
 */
import { z } from 'zod';
import type { AttributeSettings } from './types.js';

export const DEFAULT_ATTRIBUTE_SETTINGS: AttributeSettings = {
  attributeSet: 'LockoutLens',
  attributeName: 'JamfConnectExempt',
  value: 'Exempt',
  setDescription: 'Attributes managed by Lockout Lens',
  attributeDescription: 'Apps tagged Exempt are excluded from the Conditional Access policies Lockout Lens changed',
};

/** Attribute set ids and attribute names: ≤32 chars, no spaces or special characters (graph-facts §4.1). */
const identifier = z.string().regex(/^[A-Za-z0-9_]{1,32}$/u, 'use 1–32 letters, digits or underscores');

export const attributeSettingsSchema = z.object({
  attributeSet: identifier.refine((s) => !s.includes('_'), 'an attribute set id cannot contain "_" (the definition id is Set_Name)'),
  attributeName: identifier,
  // A predefined value is the allowedValue id: keep it printable and quote-free so the rule stays simple.
  value: z.string().regex(/^[^"\\\s][^"\\]{0,63}$/u, 'value must be 1–64 characters without quotes or backslashes'),
  setDescription: z.string().max(128),
  attributeDescription: z.string().max(128),
});

/** Fill in defaults and validate; throws a ZodError naming the bad field. */
export function resolveAttributeSettings(partial: Partial<AttributeSettings> | undefined): AttributeSettings {
  return attributeSettingsSchema.parse({ ...DEFAULT_ATTRIBUTE_SETTINGS, ...(partial ?? {}) });
}

/** The definition id Graph derives: `<Set>_<Name>`. */
export function definitionId(s: AttributeSettings): string {
  return `${s.attributeSet}_${s.attributeName}`;
}

/** Our application-filter rule, exactly as the portal writes it (graph-facts §2.8). */
export function exemptionRule(s: AttributeSettings): string {
  return `CustomSecurityAttribute.${definitionId(s)} -eq "${s.value}"`;
}

/** Documented limit for filter rules (device filters; assumed for app filters, graph-facts §3.1). */
export const MAX_RULE_LENGTH = 3072;

/** Write-side type annotation for a CSA value (reads return the lower-case microsoft.graph one). */
export const CSA_WRITE_ODATA_TYPE = '#Microsoft.DirectoryServices.CustomSecurityAttributeValue';

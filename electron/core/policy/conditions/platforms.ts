/**
 * Device platforms (Graph conditionalAccessPlatforms). `all` includes platforms CA could not detect
 * ('unknown') — that is how "block unknown or unsupported platforms" policies work (entra
 * howto-policy-unknown-unsupported-device.md: include any device, exclude the known ones).
 * An unknown list value (e.g. `unknownFutureValue`, returned for linux without the
 * `Prefer: include-unknown-enum-members` header) makes the policy unevaluable.
 */
import { PolicyShapeError, lowerSet, optObject, strArray, type RawObject } from '../raw.js';
import type { ConditionTrace } from '../types.js';
import { notConfigured, trace, type EvalEnv } from './env.js';

const KNOWN = new Set(['android', 'ios', 'windows', 'windowsphone', 'macos', 'linux', 'all']);

export interface CompiledPlatforms {
  readonly configured: boolean;
  readonly includeAll: boolean;
  readonly include: ReadonlySet<string>;
  readonly exclude: ReadonlySet<string>;
}

export function compilePlatforms(conditions: RawObject): CompiledPlatforms {
  const raw = optObject(conditions, 'platforms', 'conditions');
  const inc = lowerSet(strArray(raw, 'includePlatforms', 'conditions.platforms'));
  const exc = lowerSet(strArray(raw, 'excludePlatforms', 'conditions.platforms'));
  for (const v of [...inc, ...exc]) {
    if (!KNOWN.has(v)) {
      const hint = v === 'unknownfuturevalue' ? ' (read the policy with Prefer: include-unknown-enum-members)' : '';
      throw new PolicyShapeError(`conditions.platforms has unknown platform '${v}'${hint}`);
    }
  }
  return { configured: inc.size > 0 || exc.size > 0, includeAll: inc.has('all') || (inc.size === 0 && exc.size > 0), include: inc, exclude: exc };
}

export function evaluatePlatforms(c: CompiledPlatforms, env: EvalEnv): ConditionTrace {
  if (!c.configured) return notConfigured('devicePlatform');
  const platform = env.p.platform;
  const shown = env.p.ctx.platform ?? 'unknown';
  if (c.exclude.has('all') || c.exclude.has(platform)) {
    return trace('devicePlatform', false, `excluded: platform ${shown} is excluded`, [{ kind: 'exclude', rule: c.exclude.has('all') ? 'allDevicePlatforms' : 'devicePlatform' }]);
  }
  if (c.includeAll) {
    return trace('devicePlatform', true, `included: any platform (${shown})`, [{ kind: 'include', rule: 'allDevicePlatforms' }]);
  }
  if (c.include.has(platform)) return trace('devicePlatform', true, `included: platform ${shown}`, [{ kind: 'include', rule: 'devicePlatform' }]);
  return trace('devicePlatform', false, `not included: platform ${shown} is not among ${[...c.include].join(', ')}`);
}

/**
 * Filter for devices (Graph conditionalAccessDevices.deviceFilter; entra
 * concept-condition-filters-for-devices.md). Include mode: only matching devices are in scope;
 * exclude mode: matching devices are out. An unregistered device (ctx.device === null) has every
 * property null, so positive operators never match and negative ones always do — an exclude-mode
 * `device.isCompliant -eq "True"` filter therefore keeps unregistered Macs IN scope.
 * Legacy beta include/excludeDeviceStates (All; Compliant, DomainJoined) are honoured too.
 */
import { deviceProperty } from '../context.js';
import { PolicyShapeError, lowerSet, optObject, optString, strArray, type RawObject } from '../raw.js';
import type { RuleAst } from '../rule-ast.js';
import { parseRuleCached } from '../rule-cache.js';
import { explainRule } from '../rule-eval.js';
import type { ConditionTrace } from '../types.js';
import { notConfigured, trace, type EvalEnv } from './env.js';

export interface CompiledDevices {
  readonly filter: { readonly mode: 'include' | 'exclude'; readonly ast: RuleAst } | null;
  readonly excludeStates: ReadonlySet<string>;
  readonly statesConfigured: boolean;
}

export function compileDevices(conditions: RawObject): CompiledDevices {
  const devices = optObject(conditions, 'devices', 'conditions');
  let filter: CompiledDevices['filter'] = null;
  const rawFilter = optObject(devices ?? {}, 'deviceFilter', 'conditions.devices');
  if (rawFilter) {
    const mode = optString(rawFilter, 'mode', 'conditions.devices.deviceFilter');
    const rule = optString(rawFilter, 'rule', 'conditions.devices.deviceFilter');
    if (mode !== 'include' && mode !== 'exclude') throw new PolicyShapeError(`conditions.devices.deviceFilter.mode has unknown value '${String(mode)}'`);
    if (rule === null) throw new PolicyShapeError('conditions.devices.deviceFilter has no rule');
    const parsed = parseRuleCached(rule, 'device');
    if (!parsed.ok) throw new PolicyShapeError(`device filter rule is malformed at position ${parsed.error.position}: ${parsed.error.message}`);
    filter = { mode, ast: parsed.ast };
  }
  const states = optObject(conditions, 'deviceStates', 'conditions');
  const includeStates = lowerSet(strArray(states, 'includeStates', 'conditions.deviceStates'));
  const excludeStates = lowerSet(strArray(states, 'excludeStates', 'conditions.deviceStates'));
  for (const s of includeStates) if (s !== 'all') throw new PolicyShapeError(`conditions.deviceStates.includeStates has unsupported value '${s}'`);
  for (const s of excludeStates) {
    if (s !== 'compliant' && s !== 'domainjoined') throw new PolicyShapeError(`conditions.deviceStates.excludeStates has unsupported value '${s}'`);
  }
  return { filter, excludeStates, statesConfigured: includeStates.size > 0 || excludeStates.size > 0 };
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

export function evaluateDevices(c: CompiledDevices, env: EvalEnv): ConditionTrace {
  if (!c.filter && !c.statesConfigured) return notConfigured('deviceState');
  const device = env.p.device;
  const who = device ? 'device' : 'unregistered device (all properties null)';
  if (c.statesConfigured) {
    if (c.excludeStates.has('compliant') && isTrue(deviceProperty(device, 'isCompliant'))) {
      return trace('deviceState', false, 'excluded: device is compliant (legacy device state)', [{ kind: 'exclude', rule: 'deviceState' }]);
    }
    const trust = deviceProperty(device, 'trustType');
    if (c.excludeStates.has('domainjoined') && typeof trust === 'string' && trust.toLowerCase() === 'serverad') {
      return trace('deviceState', false, 'excluded: device is hybrid joined (legacy device state)', [{ kind: 'exclude', rule: 'deviceState' }]);
    }
    if (!c.filter) return trace('deviceState', true, `included: ${who} (legacy device state)`, [{ kind: 'include', rule: 'allDeviceStates' }]);
  }
  const f = c.filter!;
  const r = explainRule(f.ast, (operand) => deviceProperty(device, operand.canonical) as never);
  if (f.mode === 'include') {
    return r.matched
      ? trace('deviceState', true, `included: ${who} matches device filter clause ${r.clause}`, [{ kind: 'include', rule: 'deviceFilter' }])
      : // Graph reports a non-matching include filter as the exclude rule deviceFilterIncludeRuleNotMatched.
        trace('deviceState', false, `not included: ${who} does not match device filter (${r.clause} is false)`, [{ kind: 'exclude', rule: 'deviceFilterIncludeRuleNotMatched' }]);
  }
  return r.matched
    ? trace('deviceState', false, `excluded: ${who} matches device filter clause ${r.clause}`, [{ kind: 'exclude', rule: 'deviceFilter' }])
    : trace('deviceState', true, `included: ${who} does not match the exclude device filter (${r.clause} is false)`);
}

/**
 * POST /identity/conditionalAccess/evaluate — Graph's What If (graph-facts §2.7). The body is read
 * by the evaluator's own boundary parser (policy/what-if-body.ts) and answered by its `whatIf`;
 * the emulator only supplies the directory facts about the user.
 */
import { signInContextFromWhatIfBody } from '../../policy/index.js';
import type { EmulatorContext } from '../context.js';
import { jsonReply, readJson, type Reply } from '../http.js';
import { signInUser, whatIf } from '../ca.js';
import { requirePermission } from './auth.js';
import { badRequest, methodNotAllowed } from './errors.js';
import type { GraphRequest } from './request.js';

export function whatIfRoute(ctx: EmulatorContext, req: GraphRequest): Reply {
  if (req.raw.method !== 'POST') return methodNotAllowed(ctx, req.raw);
  const denied = requirePermission(ctx, req.raw, req.caller, 'conditionalAccessWhatIf');
  if (denied) return denied;
  let raw: unknown;
  try { raw = readJson(req.raw); } catch { return badRequest(ctx, req.raw, 'The request body is not valid JSON.'); }
  const parsed = signInContextFromWhatIfBody(raw, (userId) => {
    const user = ctx.state.findUser(userId);
    if (!user || typeof user.id !== 'string') return null;
    return { user: signInUser(user), groupIds: ctx.state.groupIds(user.id), roleTemplateIds: ctx.state.roleTemplateIds(user.id) };
  });
  if (!parsed.ok) return badRequest(ctx, req.raw, parsed.error.code === 'userNotFound' ? `The user in signInIdentity was not found: ${parsed.error.message}` : `Invalid evaluate request: ${parsed.error.message}`);
  const value = whatIf(ctx.state, parsed.ctx, parsed.appliedPoliciesOnly);
  return jsonReply(200, { '@odata.context': `${ctx.origin}/${req.version}/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)`, value });
}

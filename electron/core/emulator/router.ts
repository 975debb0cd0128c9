/** Top-level dispatch: control API, Graph (/v1.0, /beta), identity platform, else Graph's 404. */
import type { EmulatorContext } from './context.js';
import type { EmulatorControl } from './control.js';
import { routeControl } from './control.js';
import type { EmulatorRequest, Reply } from './http.js';
import { noRoute } from './graph/errors.js';
import { routeGraph } from './graph/router.js';
import { routeIdentity } from './identity/router.js';

export function createRouter(ctx: EmulatorContext, control: EmulatorControl, controlToken: string) {
  return async (req: EmulatorRequest): Promise<Reply> =>
    routeControl(ctx, control, controlToken, req)
    ?? routeGraph(ctx, req)
    ?? routeIdentity(ctx, req)
    ?? noRoute(ctx, req);
}

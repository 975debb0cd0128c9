/**
 * Closing whatever tenant is open, in the order that keeps the cache consistent: the live tenant's
 * running sync is stopped and its workspace closed first (it writes to the app's store), then the
 * exemption workflow closes the demo emulator and the app's store. Used by open/close handlers and
 * on quit.
 */
import type { AppContext } from './context.js';
import { closeWorkflow } from './exemption-workflow.js';
import { closeLiveTenant } from './live-session.js';

export async function closeOpenTenant(ctx: AppContext): Promise<void> {
  await closeLiveTenant(ctx);
  await closeWorkflow(ctx);
}

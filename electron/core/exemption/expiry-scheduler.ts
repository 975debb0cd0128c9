/**
 * "On start and on a timer": runs the expiry check once now and then every `intervalMs`, never two
 * at once (a slow tenant must not stack checks), and reports errors instead of throwing from a
 * timer. The main process passes a check that lists (or, when the admin chose auto, reverts) due
 * exemptions — see expiry.ts.
 */
export interface ExpirySchedulerOptions {
  readonly intervalMs: number;
  readonly check: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

export function startExpiryChecks(opts: ExpirySchedulerOptions): { stop(): void } {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    opts.check().catch(opts.onError).finally(() => { running = false; });
  };
  tick();
  const timer = setInterval(tick, Math.max(1000, opts.intervalMs));
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}

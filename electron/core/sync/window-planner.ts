/**
 * Window planning for a tenant sync that does not know its row density in advance.
 *
 * WHY: every window ends in a partial page, and with Graph's sign-in budget (5 requests / 10 s) each
 * request counts. Fixed 6-hour windows cost a quiet tenant 120 near-empty requests for 30 days (four
 * minutes of budget where a handful would do) and a busy one a partial page every 6 hours. So the
 * first wave is planned blind (one window per worker, newest first), and every later window is cut,
 * newest first, from the row density the finished pages showed: about `targetRows` rows each —
 * enough full pages that the partial last one is a small share, few enough that a crash refetches
 * little. Windows are planned (persisted) one at a time just before they are fetched, so a resumed
 * job carries on below the oldest planned window.
 */
export interface PlannedWindow { readonly start: string; readonly end: string }

export class WindowPlanner {
  private rows = 0;
  private spanMs = 0;
  private frontier: number;

  /**
   * @param since      the job's start (ms)
   * @param frontier   the oldest planned window's start: everything in [since, frontier) is unplanned
   * @param targetRows rows a window should hold
   * @param maxWidthMs widest window (so a quiet period still splits across the workers)
   */
  constructor(private readonly since: number, frontier: number, private readonly targetRows: number,
    private readonly maxWidthMs: number, private readonly minWidthMs = 60_000) {
    this.frontier = frontier;
  }

  /** `rows` sign-ins covered `spanMs` of time (one page). */
  observe(rows: number, spanMs: number): void {
    if (spanMs <= 0) return;
    this.rows += rows;
    this.spanMs += spanMs;
  }

  get done(): boolean {
    return this.frontier <= this.since;
  }

  /** The next window (older than every planned one), or null when the period is covered. */
  next(): PlannedWindow | null {
    if (this.done) return null;
    const left = this.frontier - this.since;
    let width = Math.min(this.maxWidthMs, this.densityWidth());
    width = Math.max(this.minWidthMs, Math.floor(width / 1000) * 1000);
    // A sliver left below the window would cost a request of its own: take it in.
    if (left - width < width / 4) width = left;
    const start = this.frontier - width;
    const window = { start: new Date(start).toISOString(), end: new Date(this.frontier).toISOString() };
    this.frontier = start;
    return window;
  }

  /** Windows still to plan, at the current density (for progress). */
  remainingEstimate(): number {
    if (this.done) return 0;
    const width = Math.max(this.minWidthMs, Math.min(this.maxWidthMs, this.densityWidth()));
    return Math.ceil((this.frontier - this.since) / width);
  }

  private densityWidth(): number {
    if (this.rows === 0) return Number.POSITIVE_INFINITY; // nothing seen yet: as wide as allowed
    return (this.targetRows * this.spanMs) / this.rows;
  }
}

/** Progress of a tenant-wide sync, emitted after each page and window. */
export interface SyncProgress {
  readonly jobId: string;
  readonly windowsDone: number;
  readonly windowsTotal: number;
  /** Sign-ins stored by this run (a resumed run counts only its own). */
  readonly rows: number;
  /** Rows per second over this run. */
  readonly rate: number;
  /** Seconds left, from the pace of windows completed so far; null until one window is done. */
  readonly etaSeconds: number | null;
  readonly resumed: boolean;
}

export class ProgressMeter {
  private rows = 0;
  private windowsDoneThisRun = 0;
  constructor(private readonly jobId: string, private windowsTotal: number, private windowsDone: number,
    private readonly resumed: boolean, private readonly startedMs: number, private readonly nowMs: () => number) {}

  addRows(n: number): void { this.rows += n; }
  windowDone(): void { this.windowsDone++; this.windowsDoneThisRun++; }
  /** An adaptive sync plans windows as it goes: the total is an estimate that is revised. */
  setWindowsTotal(n: number): void { this.windowsTotal = Math.max(n, this.windowsDone); }

  snapshot(): SyncProgress {
    const elapsed = Math.max(0.001, (this.nowMs() - this.startedMs) / 1000);
    const remaining = this.windowsTotal - this.windowsDone;
    return {
      jobId: this.jobId, windowsDone: this.windowsDone, windowsTotal: this.windowsTotal, rows: this.rows,
      rate: this.rows / elapsed,
      etaSeconds: this.windowsDoneThisRun > 0 ? (elapsed / this.windowsDoneThisRun) * remaining : null,
      resumed: this.resumed,
    };
  }
}

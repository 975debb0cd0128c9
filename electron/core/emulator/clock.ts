/**
 * The emulator's clock. Token expiry, sign-in timestamps, ingestion delay and throttle windows all
 * read it, so a test can jump forward ("the token expired", "the sign-in has arrived") without
 * waiting. TLS certificate validity uses the real clock (the peer checks it against its own time).
 */
export class EmulatorClock {
  private offsetMs = 0;
  constructor(private readonly base: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  nowMs(): number {
    return this.now().getTime();
  }

  advance(seconds: number): Date {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`advance: seconds must be a finite number ≥ 0, got ${seconds}`);
    this.offsetMs += seconds * 1000;
    return this.now();
  }
}

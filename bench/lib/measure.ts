/** Timing, percentile and memory helpers used by every case. */
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../electron/core/emulator/random.js';

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs fn once and returns its result with the elapsed wall time in ms. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = nowMs();
  const value = await fn();
  return { value, ms: nowMs() - start };
}

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(sample: readonly number[]): number {
  return percentile(sample, 50);
}

/** Linux /proc/self/status fields in MB: VmHWM is the peak resident set since the process started. */
export function procStatusMb(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** process.cpuUsage() in ms (user + system), to tell CPU-bound from waiting. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Small deterministic PRNG for picking random users etc. reproducibly: the emulator's mulberry32. */
export const rng = mulberry32;

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

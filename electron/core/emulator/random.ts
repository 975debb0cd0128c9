/**
 * Deterministic randomness. With a seed, ids (sign-in ids, request ids, codes) and fault decisions
 * repeat run after run, so a failing test or a demo is reproducible. Secrets that protect something
 * (control token, refresh tokens, auth codes) never come from here — they use crypto.randomBytes.
 */
import { randomBytes } from 'node:crypto';

/** mulberry32: tiny, fast, good enough for fault dice and ids; not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class EmulatorRandom {
  readonly next: () => number;
  constructor(seed: number | undefined) {
    this.next = mulberry32(seed ?? randomBytes(4).readUInt32LE(0));
  }

  /** A version-4-shaped GUID from the seeded stream. */
  guid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 32; i++) hex.push(Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }
}

/** Unguessable token for things that grant access. */
export function secretToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

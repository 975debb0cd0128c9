/**
 * IPv4 / IPv6 address and CIDR parsing for ipNamedLocation ranges. Addresses become four 32-bit
 * words (IPv4 in the last word, flagged by `v4`), so a range test is a few integer masks with no
 * allocation. IPv4-mapped IPv6 (`::ffff:203.0.113.7`) is treated as the IPv4 address, because
 * that is the client's IPv4 address seen through a dual-stack socket.
 */

export interface IpAddress {
  readonly v4: boolean;
  /** 128-bit address as 4 unsigned 32-bit words, most significant first (IPv4: [0,0,0,addr]). */
  readonly words: readonly [number, number, number, number];
}

export interface CidrRange {
  readonly v4: boolean;
  readonly prefix: number;
  readonly words: readonly [number, number, number, number];
  readonly text: string;
}

function parseV4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value >>> 0;
}

function parseV6(input: string): [number, number, number, number] | null {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length === 0) return null;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) counts as two groups.
  let tailV4: number | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    tailV4 = parseV4(s.slice(lastColon + 1));
    if (tailV4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !tail) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  if (tailV4 !== null) {
    groups[6] = tailV4 >>> 16;
    groups[7] = tailV4 & 0xffff;
  }
  return [
    ((groups[0]! << 16) | groups[1]!) >>> 0,
    ((groups[2]! << 16) | groups[3]!) >>> 0,
    ((groups[4]! << 16) | groups[5]!) >>> 0,
    ((groups[6]! << 16) | groups[7]!) >>> 0,
  ];
}

/** Parse an IPv4 or IPv6 address; null when it is not one. */
export function parseIp(text: string): IpAddress | null {
  const s = text.trim();
  if (s.includes(':')) {
    const w = parseV6(s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s);
    if (!w) return null;
    if (w[0] === 0 && w[1] === 0 && w[2] === 0xffff) return { v4: true, words: [0, 0, 0, w[3]] };
    return { v4: false, words: w };
  }
  const v = parseV4(s);
  return v === null ? null : { v4: true, words: [0, 0, 0, v] };
}

function maskWord(word: number, bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return word >>> 0;
  return (word & (~0 << (32 - bits))) >>> 0;
}

/** Parse "203.0.113.0/24" or "2001:db8::/32"; a bare address is a /32 or /128. null when invalid. */
export function parseCidr(text: string): CidrRange | null {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addrText = slash >= 0 ? s.slice(0, slash) : s;
  const ip = parseIp(addrText);
  if (!ip) return null;
  const max = addrText.includes(':') ? 128 : 32;
  let prefix = max;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > max) return null;
  }
  // An IPv4-mapped IPv6 range (::ffff:a.b.c.d/104..128) is an IPv4 range of prefix - 96.
  if (ip.v4 && max === 128) {
    if (prefix < 96) return null;
    prefix -= 96;
  }
  const v4 = ip.v4;
  const bitsFromStart = v4 ? 96 + prefix : prefix;
  const w = ip.words;
  const words: [number, number, number, number] = [
    maskWord(w[0], bitsFromStart),
    maskWord(w[1], bitsFromStart - 32),
    maskWord(w[2], bitsFromStart - 64),
    maskWord(w[3], bitsFromStart - 96),
  ];
  return { v4, prefix, words, text: s };
}

export function cidrContains(range: CidrRange, ip: IpAddress): boolean {
  if (range.v4 !== ip.v4) return false;
  const bits = range.v4 ? 96 + range.prefix : range.prefix;
  const w = ip.words;
  return (
    maskWord(w[0], bits) === range.words[0] &&
    maskWord(w[1], bits - 32) === range.words[1] &&
    maskWord(w[2], bits - 64) === range.words[2] &&
    maskWord(w[3], bits - 96) === range.words[3]
  );
}

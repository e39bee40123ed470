import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes with Node's built-in scrypt (memory-hard; OWASP ASVS 4 L2 accepts scrypt at
 * N=2^17, r=8, p=1). The parameters are stored with each hash, so a hash made with other
 * parameters (a cheaper one in tests, a dearer one later) still verifies.
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 */

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

export const defaultCost: ScryptCost = { log2N: 17, r: 8, p: 1 };
const keyLength = 32;

/**
 * Each derivation at the default cost takes 128 MiB for a moment; at most two run at once, the
 * rest wait their turn, so a burst of sign-ins cannot exhaust the server's memory.
 */
const maxConcurrent = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** A finished derivation hands its slot straight to the next in line, so no newcomer slips past. */
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < maxConcurrent) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return withSlot(() => deriveNow(password, salt, cost));
}

function deriveNow(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  // scrypt needs 128 * N * r bytes; allow that plus room for the other buffers.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 128 * N * cost.r * 2 + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 22) return undefined;
  return { cost: { log2N, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

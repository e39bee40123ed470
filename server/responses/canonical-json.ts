import { hash } from 'node:crypto';

/** Characters JSON must escape in a string (lone surrogates included, as `JSON.stringify` escapes them). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON with object keys sorted, so that equal content always gives the same hash. Built in one
 * string without intermediate arrays (the hash of every submission goes through it); the output
 * is byte for byte what `JSON.stringify` gives for the same keys in sorted order, so hashes stored
 * earlier still match their retries.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const quoted = needsEscaping.test(key) ? JSON.stringify(key) : `"${key}"`;
    out += `${i === 0 ? '' : ','}${quoted}:${canonicalJson((value as Record<string, unknown>)[key])}`;
  }
  return `${out}}`;
}

/** SHA-256 of the canonical JSON, with Node's one-shot hash (no Hash object per submission). */
export function contentHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'base64url');
}

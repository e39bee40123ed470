import { randomUUID } from 'node:crypto';

/**
 * A response's id: a UUID of version 7 (RFC 9562), whose first 48 bits are the start time in
 * milliseconds and whose other 74 bits are random. Responses started about the same time sit
 * together in the primary-key index and in the submissions index keyed by it, so a batch of
 * completions writes a few index pages instead of one random page each: `npm run bench` measured
 * about half the WAL frames per completed response against random (version 4) ids. The time it
 * carries is the `started_at` the row stores anyway; what keeps a response safe is its response
 * key, not an unguessable id.
 */
export function newResponseId(startedAt: Date): string {
  // randomUUID draws from Node's cached entropy pool; its version digit is replaced by 7 and its
  // first 12 hex digits by the time. The variant bits (10) stay as they are.
  const random = randomUUID();
  const time = startedAt.getTime().toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

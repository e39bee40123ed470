import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * A file read once and read again only when it changes on disk (size or modification time), so
 * an edited translation or a rebuilt page is served at once without a restart, and an unchanged
 * one costs a `stat` per request. `parse` turns the bytes into what callers use (and throws on a
 * half-written file); `etag` is a hash of the bytes. A file that disappears or does not parse (an
 * editor or a build in the middle of writing it) keeps its last good content.
 */
export class FreshFile<T> {
  private cached: { stamp: string; value: T; etag: string } | undefined;

  constructor(
    readonly file: string,
    private readonly parse: (text: string) => T,
  ) {}

  /** The current content; `undefined` when there has never been a good one. */
  read(): { value: T; etag: string } | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.file);
    } catch {
      return this.cached;
    }
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    if (this.cached?.stamp === stamp) return this.cached;
    try {
      const text = fs.readFileSync(this.file, 'utf8');
      const value = this.parse(text);
      this.cached = { stamp, value, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"` };
    } catch {
      // Read again on the next request; until then the last good content stands.
    }
    return this.cached;
  }
}

/** One `FreshFile` per path, made on first use. */
export class FreshFiles<T> {
  private readonly files = new Map<string, FreshFile<T>>();

  constructor(private readonly parse: (text: string) => T) {}

  read(file: string): { value: T; etag: string } | undefined {
    let fresh = this.files.get(file);
    if (!fresh) {
      fresh = new FreshFile(file, this.parse);
      this.files.set(file, fresh);
    }
    return fresh.read();
  }
}

import { randomBytes } from 'node:crypto';
import type { NewLetter } from '../participants/participant-admin.service.ts';

export type LetterPart = 'letters' | 'download';

interface Pending {
  studyId: string;
  letters: NewLetter[];
  served: Set<LetterPart>;
  expiresAt: number;
}

/**
 * Raw tokens of a new batch (or a reissued token) wait here, in server memory only, until the
 * letters page and the one-time download have each been served once, or an hour has passed.
 * Then they are forgotten: a restart, or a second look, needs a reissue. Ids are unguessable.
 */
export class PendingLetters {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  put(studyId: string, letters: NewLetter[]): string {
    this.sweep();
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, { studyId, letters, served: new Set(), expiresAt: this.now() + this.ttlMs });
    return id;
  }

  /** The letters for one look at `part`; undefined when unknown, expired, or that part was served. */
  take(studyId: string, id: string, part: LetterPart): NewLetter[] | undefined {
    this.sweep();
    const entry = this.pending.get(id);
    if (!entry || entry.studyId !== studyId || entry.served.has(part)) return undefined;
    entry.served.add(part);
    if (entry.served.size === 2) this.pending.delete(id);
    return entry.letters;
  }

  /** Which parts of a pending set can still be served. */
  remaining(studyId: string, id: string): LetterPart[] {
    this.sweep();
    const entry = this.pending.get(id);
    if (!entry || entry.studyId !== studyId) return [];
    return (['letters', 'download'] as const).filter((p) => !entry.served.has(p));
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(id);
  }
}

import { WindowCounter, type CounterStore } from '../shared/window-counter.ts';

/**
 * Who is asking to start: an enrolled kiosk (by its id) or, otherwise, a client address.
 * Failed codes typed at an enrolled kiosk count for that tablet, never for the site's address.
 */
export type AttemptSubject = { kind: 'kiosk'; kioskId: number } | { kind: 'address'; address: string };

export interface AttemptLimits {
  /** Failed token attempts per address per window; an enrolled kiosk gets `kioskFactor` times as many. */
  failures: number;
  /** Anonymous starts (cross-sectional studies) per address per window; an enrolled kiosk gets `kioskFactor` times as many. */
  anonymousStarts: number;
  kioskFactor: number;
  windowMs: number;
}

const keyOf = (subject: AttemptSubject) => (subject.kind === 'kiosk' ? `kiosk:${subject.kioskId}` : `address:${subject.address}`);

/**
 * Counts failed token attempts per subject and per typed token, and anonymous starts per subject,
 * in the database every server shares: a subject or a token locked out on one server is locked out
 * on all. Successful starts with a token do not count at all: 30 respondents at one kiosk site,
 * each resuming as often as they like, are not throttled; guessing is.
 */
export class AttemptLimiter {
  private readonly counts: WindowCounter;

  constructor(
    private readonly limits: AttemptLimits,
    shared: CounterStore,
  ) {
    this.counts = new WindowCounter(limits.windowMs, shared);
  }

  private limit(subject: AttemptSubject, base: number): number {
    return subject.kind === 'kiosk' ? base * this.limits.kioskFactor : base;
  }

  /** True when this subject, or this typed token, has used up its failed attempts. */
  async blocked(subject: AttemptSubject, token: string): Promise<boolean> {
    const [bySubject, byToken] = await this.counts.counts([
      { kind: 'failure', value: keyOf(subject) },
      { kind: 'token', value: token },
    ]);
    return bySubject! >= this.limit(subject, this.limits.failures) || byToken! >= this.limits.failures * 3;
  }

  async recordFailure(subject: AttemptSubject, token: string): Promise<void> {
    await this.counts.increment('failure', keyOf(subject));
    await this.counts.increment('token', token);
  }

  /** Checks and counts one anonymous start in one statement; false when the subject has used up its starts. */
  async takeAnonymousStart(subject: AttemptSubject): Promise<boolean> {
    return (await this.counts.increment('anonymous', keyOf(subject))).count <= this.limit(subject, this.limits.anonymousStarts);
  }
}

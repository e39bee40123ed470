import type { SubmissionResult } from '../../shared/contract/respondent.ts';
import { ApiError, NetworkError, request } from './api-client.ts';
import type { Language } from './languages.ts';
import type { Answers } from './session.ts';

export type { SubmissionResult };

/**
 * Answers waiting on the device. Each page change becomes a submission with an id made here and
 * reused on every retry, so the server stores it exactly once. Submissions are sent one at a
 * time, in order; a lost connection or a 5xx keeps them and retries on `online` and on a timer.
 * A 409 `submission_conflict` means the server already holds that id: it is dropped. Any other
 * 4xx is shown to the respondent and the submission dropped, since sending it again cannot help.
 */

export interface Submission {
  submissionId: string;
  responseId: string;
  responseKey: string;
  pageNo: number;
  answers: Answers;
  complete?: true;
  locale: Language;
}

export interface QueueState {
  pending: number;
  /** The last attempt failed for want of a connection or a working server. */
  waiting: boolean;
  /** A refusal the respondent must see (an ApiError). */
  error?: ApiError;
  /** The responses whose completion the server accepted (a kiosk's queue outlives each visit). */
  completed: readonly string[];
}

/** Answers are held back by a missing connection (or a failing server), not merely on their way. */
export function waitingForConnection(state: QueueState): boolean {
  return state.pending > 0 && state.waiting;
}

export interface SubmissionStore {
  load(): Submission[];
  save(items: readonly Submission[]): void;
}

export function localStorageStore(key = 'wavepanel.submissions'): SubmissionStore {
  return {
    load() {
      try {
        const items: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
        return Array.isArray(items) ? (items as Submission[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      if (items.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(items));
    },
  };
}

/** For the kiosk: nothing of a respondent is written to the device's storage. */
export function memoryStore(): SubmissionStore {
  let items: Submission[] = [];
  return { load: () => items, save: (next) => (items = [...next]) };
}

export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function postSubmission(item: Submission): Promise<SubmissionResult> {
  return request('POST /api/respondent/responses/:responseId/submissions', {
    params: { responseId: item.responseId },
    body: { submissionId: item.submissionId, pageNo: item.pageNo, answers: item.answers, locale: item.locale, ...(item.complete ? { complete: true } : {}) },
    headers: { 'x-response-key': item.responseKey },
  });
}

export interface QueueOptions {
  store: SubmissionStore;
  send?: (item: Submission) => Promise<SubmissionResult>;
  retryMs?: number;
  onChange?: (state: QueueState) => void;
}

export class SubmissionQueue {
  #items: Submission[];
  #store: SubmissionStore;
  #send: (item: Submission) => Promise<SubmissionResult>;
  #retryMs: number;
  #listeners = new Set<(state: QueueState) => void>();
  #sending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #state: QueueState;
  #disposed = false;
  #online = () => void this.flush();

  constructor(options: QueueOptions) {
    this.#store = options.store;
    this.#items = options.store.load();
    this.#send = options.send ?? postSubmission;
    this.#retryMs = options.retryMs ?? 5000;
    if (options.onChange) this.#listeners.add(options.onChange);
    this.#state = { pending: this.#items.length, waiting: false, completed: [] };
    window.addEventListener('online', this.#online);
  }

  get state(): QueueState {
    return this.#state;
  }

  /** Calls `listener` at every change of the state, until the returned function is called. */
  subscribe(listener: (state: QueueState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  enqueue(item: Omit<Submission, 'submissionId'>): void {
    this.#items.push({ ...item, submissionId: newSubmissionId() });
    this.#store.save(this.#items);
    this.#update({ error: undefined });
    void this.flush();
  }

  /** Sends what waits, in order, until the queue is empty or an attempt fails. */
  async flush(): Promise<void> {
    if (this.#sending || this.#disposed) return;
    this.#sending = true;
    clearTimeout(this.#timer);
    try {
      while (this.#items.length > 0 && !this.#disposed) {
        const item = this.#items[0]!;
        try {
          const result = await this.#send(item);
          this.#drop(item);
          const completed = result.status === 'completed' && !this.#state.completed.includes(item.responseId);
          this.#update({ waiting: false, ...(completed ? { completed: [...this.#state.completed, item.responseId] } : {}) });
        } catch (error) {
          if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
            this.#update({ waiting: true });
            this.#timer = setTimeout(() => void this.flush(), this.#retryMs);
            return;
          }
          this.#drop(item);
          if (error instanceof ApiError && error.code === 'submission_conflict') continue;
          this.#update({ waiting: false, error: error instanceof ApiError ? error : new ApiError(0, 'generic') });
        }
      }
    } finally {
      this.#sending = false;
    }
  }

  /** Stops sending (the survey was closed): listeners and timers go; stored items stay for next time. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    window.removeEventListener('online', this.#online);
  }

  #drop(item: Submission): void {
    this.#items = this.#items.filter((other) => other !== item);
    this.#store.save(this.#items);
  }

  #update(change: Partial<QueueState>): void {
    this.#state = { ...this.#state, ...change, pending: this.#items.length };
    for (const listener of this.#listeners) listener(this.#state);
  }
}

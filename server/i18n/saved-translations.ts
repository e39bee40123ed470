import { createHash } from 'node:crypto';
import { FreshFiles } from '../shared/fresh-file.ts';
import { everyInterval, onceAtATime, type PollLog } from '../shared/poll.ts';
import { flattenStrings, type Strings } from '../surveys/localization.ts';
import { localeFile, type StatusFile } from './catalog.ts';
import type { RecordingIndex } from './recordings.ts';
import type { TranslationsRepository } from './translations.repository.pg.ts';
import type { RecordingRow, SavedFile, SavedRecording, SavedTranslation, TranslationFile } from './translations.repository.ts';

/** What this server holds of one language's file as saved in the workspace, as of `revision`. */
interface HeldFile {
  revision: number;
  translations: SavedTranslation[];
  recordings: Map<string, RecordingRow>;
}

/** At most this many bytes of recordings read from the database are held in memory (16 of the largest). */
const heldAudioBytes = 32 * 1024 * 1024;

const fileKey = ({ lang, namespace }: TranslationFile) => `${lang}/${namespace}`;

/**
 * The translations, statuses and recordings saved in the translator workspace, which every server
 * on the database serves over the files of `locales/` (what ships with the code). Held in memory
 * per file with the revision read: the workspace reads a file from the database before it shows
 * or changes it; what respondents are served is brought up to date by `refresh` (the poll in
 * server/index.ts), never by a database read on their requests.
 */
export class SavedTranslations {
  private readonly files = new Map<string, HeldFile>();
  private readonly heldAudio = new Map<string, Buffer>();
  private heldAudioSize = 0;

  /** Without a `store` (the command line's files), nothing is saved and nothing lies over the files. */
  constructor(private readonly store?: TranslationsRepository) {}

  /** What the database holds now, read at start-up. */
  static async following(store: TranslationsRepository): Promise<SavedTranslations> {
    const saved = new SavedTranslations(store);
    await saved.refresh();
    return saved;
  }

  /** The revision of a file this server serves; 0 when nothing of it was saved. */
  revision(file: TranslationFile): number {
    return this.files.get(fileKey(file))?.revision ?? 0;
  }

  /**
   * Reads again the files saved since the last look (on any server); answers those. Looks once at
   * a time however many ask.
   */
  readonly refresh: () => Promise<TranslationFile[]> = onceAtATime(() => this.readChanged());

  private async readChanged(): Promise<TranslationFile[]> {
    if (!this.store) return [];
    const changed = (await this.store.revisions()).filter((file) => file.revision > this.revision(file));
    for (const file of changed) await this.current(file);
    return changed.map(({ lang, namespace }) => ({ lang, namespace }));
  }

  /** Reads one file from the database and serves it from now on (the workspace does, before it shows or changes one). */
  async current(file: TranslationFile): Promise<void> {
    if (this.store) this.hold(file, await this.store.file(file));
  }

  private hold(file: TranslationFile, saved: SavedFile): void {
    // A slower read of an older revision never replaces a newer one.
    if (saved.revision < this.revision(file)) return;
    this.files.set(fileKey(file), { revision: saved.revision, translations: saved.translations, recordings: new Map(saved.recordings.map((r) => [r.key, r])) });
  }

  private database(): TranslationsRepository {
    if (!this.store) throw new Error('saving in the workspace needs a database');
    return this.store;
  }

  /** Saves keys of one file for every server (in one transaction with the file's revision), and serves them from now on. */
  async saveTranslations(file: TranslationFile, rows: Omit<SavedTranslation, 'lang' | 'namespace'>[]): Promise<void> {
    await this.database().saveTranslations(file, rows);
    await this.current(file);
  }

  /** Saves one recording for every server, and serves it from now on. */
  async saveRecording(row: SavedRecording): Promise<void> {
    await this.database().saveRecording(row);
    await this.current(row);
  }

  /**
   * The bytes of a saved recording, by the name it is served by: read from the database once, then
   * held (least recently played out first) while the held ones stay under `heldAudioBytes`. The
   * name is the content hash, so a held copy is never out of date.
   */
  async audio(recording: TranslationFile & { file: string }): Promise<Buffer | undefined> {
    const key = `${fileKey(recording)}/${recording.file}`;
    const held = this.heldAudio.get(key);
    if (held) {
      this.heldAudio.delete(key);
      this.heldAudio.set(key, held);
      return held;
    }
    const bytes = await this.store?.audio(recording);
    if (!bytes) return undefined;
    this.heldAudio.set(key, bytes);
    this.heldAudioSize += bytes.length;
    for (const [oldest, audio] of this.heldAudio) {
      if (this.heldAudioSize <= heldAudioBytes) break;
      this.heldAudio.delete(oldest);
      this.heldAudioSize -= audio.length;
    }
    return bytes;
  }

  /** A file's strings (flat keys) with those saved in the workspace over them. */
  strings(file: TranslationFile, strings: Strings): Strings {
    const merged = { ...strings };
    for (const row of this.files.get(fileKey(file))?.translations ?? []) {
      if (row.text === null) delete merged[row.key];
      else merged[row.key] = row.text;
    }
    return merged;
  }

  /** A file's statuses with those saved in the workspace over them. */
  status(file: TranslationFile, status: StatusFile): StatusFile {
    const merged = { ...status };
    for (const row of this.files.get(fileKey(file))?.translations ?? []) {
      if (row.state === null || row.source === null) delete merged[row.key];
      else merged[row.key] = { state: row.state, source: row.source };
    }
    return merged;
  }

  /** A survey's recordings in a language with those saved in the workspace over them. */
  recordings(file: TranslationFile, index: RecordingIndex): RecordingIndex {
    const merged = { ...index };
    for (const row of this.files.get(fileKey(file))?.recordings.values() ?? []) merged[row.key] = { file: row.file, type: row.type, source: row.source };
    return merged;
  }
}

/**
 * The translations as respondents are served them: `locales/<lang>/<namespace>.json`, read again
 * when the file changes, with what was saved in the workspace over it, merged once per state of
 * both. The ETag names both, so every server with the same file and revision answers the same.
 */
export class ServedTranslations {
  private readonly files = new FreshFiles<Strings>((text) => flattenStrings(JSON.parse(text)));
  private readonly merged = new Map<string, { file: string | undefined; revision: number; value: Strings; etag: string }>();

  constructor(
    private readonly localesDir: string,
    readonly saved = new SavedTranslations(),
  ) {}

  /** A file's strings as served, none when there are none. */
  strings(lang: string, namespace: string): Strings {
    return this.read(lang, namespace)?.value ?? {};
  }

  read(lang: string, namespace: string): { value: Strings; etag: string } | undefined {
    const file = this.files.read(localeFile(this.localesDir, lang, namespace));
    const revision = this.saved.revision({ lang, namespace });
    if (revision === 0) return file;
    const key = fileKey({ lang, namespace });
    let cached = this.merged.get(key);
    if (!cached || cached.file !== file?.etag || cached.revision !== revision) {
      const value = this.saved.strings({ lang, namespace }, file?.value ?? {});
      const etag = `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)}"`;
      cached = { file: file?.etag, revision, value, etag };
      this.merged.set(key, cached);
    }
    return cached;
  }
}

/**
 * Looks in the database every `intervalMs` for what was saved in the workspace on another server
 * and serves it from then on (the same poll as `followPublishedVersions`, for the same reasons);
 * answers the function that stops looking.
 */
export function followSavedTranslations(saved: SavedTranslations, { intervalMs, log }: { intervalMs: number; log: PollLog }): () => void {
  return everyInterval(
    intervalMs,
    async () => {
      for (const file of await saved.refresh()) log.info({ ...file }, 'serving translations saved elsewhere');
    },
    (error) => log.warn({ problem: error.message }, 'could not read the translations saved elsewhere'),
  );
}

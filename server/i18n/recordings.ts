import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../errors.ts';
import { localeFile, sourceHash, writeJson } from './catalog.ts';
import type { I18nDirs } from './i18n.service.ts';
import type { SavedTranslations } from './saved-translations.ts';
import type { Actor, Workspace } from './workspace.service.ts';

/**
 * Recorded audio of a question or a choice in one language, for respondents who cannot read it
 * (no common device has a Tigrinya voice). Kept like the translations: the ones that ship are
 * files, the audio under `locales/<lang>/audio/<survey>/<content hash>.<ext>`, and
 * `locales/<lang>/<survey>.audio.json` saying per key which file, its type and the hash of the
 * Dutch text it speaks, so a changed Dutch text marks the recording stale. One saved in the
 * workspace is kept in the database (bytes and index entry), over the files, for every server;
 * the saving machine writes the files too.
 *
 * Formats, told apart by their first bytes (never by the declared type): WebM and Ogg with Opus
 * (what browsers' MediaRecorder makes; Chrome, Firefox, Android), MP4/AAC (what iOS Safari records
 * and plays; Safari before 17 plays neither WebM nor Ogg, so record or upload AAC for iPhones) and
 * MP3 (plays everywhere).
 */

export interface AudioFormat {
  type: string;
  extension: string;
}

const formats: (AudioFormat & { matches: (bytes: Buffer) => boolean })[] = [
  { type: 'audio/webm', extension: 'webm', matches: (b) => b.length > 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
  { type: 'audio/ogg', extension: 'ogg', matches: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  { type: 'audio/mp4', extension: 'm4a', matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { type: 'audio/mpeg', extension: 'mp3', matches: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) },
];

/** The types a recording is stored and served as. */
export const recordingTypes = formats.map((format) => format.type);

export const maxRecordingBytes = 2 * 1024 * 1024;
export const recordingFile = /^[A-Za-z0-9_-]{22}\.(webm|ogg|m4a|mp3)$/;

/** The audio format of some bytes, from their magic number; undefined when they are not audio we play. */
export function detectAudio(bytes: Buffer): AudioFormat | undefined {
  const found = formats.find((format) => format.matches(bytes));
  return found && { type: found.type, extension: found.extension };
}

export interface RecordingEntry {
  file: string;
  type: string;
  /** `sourceHash` of the Dutch text the recording speaks. */
  source: string;
}

export type RecordingIndex = Record<string, RecordingEntry>;

const indexFile = (dirs: I18nDirs, lang: string, survey: string) => localeFile(dirs.localesDir, lang, survey, 'audio');
const audioDir = (dirs: I18nDirs, lang: string, survey: string) => path.join(dirs.localesDir, lang, 'audio', survey);

export function readRecordings(dirs: I18nDirs, lang: string, survey: string): RecordingIndex {
  const file = indexFile(dirs, lang, survey);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RecordingIndex) : {};
}

/** A survey's recordings in a language as they are served: the files' with those saved in the workspace over them. */
export function servedRecordings(dirs: I18nDirs & { saved: SavedTranslations }, lang: string, survey: string): RecordingIndex {
  return dirs.saved.recordings({ lang, namespace: survey }, readRecordings(dirs, lang, survey));
}

/**
 * Stores a recording of a survey text (`source`: the Dutch text it speaks) for every server, then
 * in this machine's files; refuses what is not audio or too large.
 */
export async function saveRecording(dirs: Workspace, actor: Actor, input: { lang: string; survey: string; key: string; source: string; bytes: Buffer }): Promise<RecordingEntry & { stale: boolean }> {
  if (input.bytes.length > maxRecordingBytes) throw new AppError('body_too_large', `A recording may have at most ${maxRecordingBytes} bytes.`);
  const format = detectAudio(input.bytes);
  if (!format) throw new AppError('unsupported_media_type', 'This file is not a recording in WebM, Ogg, MP4/AAC or MP3.');
  const name = `${createHash('sha256').update(input.bytes).digest('base64url').slice(0, 22)}.${format.extension}`;
  const entry = { file: name, type: format.type, source: sourceHash(input.source) };
  await dirs.saved.saveRecording({ lang: input.lang, namespace: input.survey, key: input.key, ...entry, audio: input.bytes, savedAt: actor.now() });
  mkdirSync(audioDir(dirs, input.lang, input.survey), { recursive: true });
  writeFileSync(path.join(audioDir(dirs, input.lang, input.survey), name), input.bytes);
  const index = servedRecordings(dirs, input.lang, input.survey);
  writeJson(indexFile(dirs, input.lang, input.survey), Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b))));
  await recordAudit({ ...actor, action: 'recording_save', detail: { lang: input.lang, namespace: input.survey, key: input.key, type: format.type, bytes: input.bytes.length } });
  return { ...entry, stale: false };
}

/**
 * The bytes of one stored recording, by its file name (nothing else under `locales/` is
 * reachable): this machine's file, else the database's copy (saved on another server).
 */
export async function recordingBytes(dirs: I18nDirs & { saved: SavedTranslations }, input: { lang: string; survey: string; file: string }): Promise<{ bytes: Buffer; type: string }> {
  const notFound = () => new AppError('not_found', 'There is no such recording.');
  if (!recordingFile.test(input.file)) throw notFound();
  const entry = Object.values(servedRecordings(dirs, input.lang, input.survey)).find((e) => e.file === input.file);
  if (!entry) throw notFound();
  const file = path.join(audioDir(dirs, input.lang, input.survey), input.file);
  const bytes = existsSync(file) ? readFileSync(file) : await dirs.saved.audio({ lang: input.lang, namespace: input.survey, file: input.file });
  if (!bytes) throw notFound();
  return { bytes, type: entry.type };
}

/** Keys with a recording whose Dutch text has changed since it was recorded. */
export function staleRecordings(index: RecordingIndex, source: Record<string, string>): string[] {
  return Object.entries(index)
    .filter(([key, entry]) => source[key] === undefined || entry.source !== sourceHash(source[key]))
    .map(([key]) => key);
}

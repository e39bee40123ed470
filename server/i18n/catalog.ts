import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { flattenStrings, nestStrings, sourceLocale, type Strings } from '../surveys/localization.ts';

/**
 * The files translators work on, all under `locales/`:
 * - `<lang>/<ns>.json`: i18next JSON v4, nested keys; `nl` is the Dutch source;
 * - `<lang>/<ns>.status.json`: per key `{ state, source }` where `source` is the hash of the Dutch
 *   text the translation was made from (so a changed Dutch text makes the translation stale);
 * - `nl/<ns>.context.json`: per key, where the text appears and what it means.
 * A namespace is a survey id (`eaa-t0`), `app` (the respondent app's own strings, in every
 * language) or `researcher` (the researchers' workspace, in the languages that have its file).
 */

/**
 * `draft`: made without a person (machine-made, or written by a developer); `translated`: written
 * or corrected by a translator; `reviewed`: checked and accepted by a reviewer.
 */
export type TranslationState = 'draft' | 'translated' | 'reviewed';

export interface KeyStatus {
  state: TranslationState;
  /** `sourceHash()` of the Dutch text the translation was made from. */
  source: string;
}

export type StatusFile = Record<string, KeyStatus>;

export interface KeyContext {
  where: string;
  meaning: string;
}

export type ContextFile = Record<string, KeyContext>;

export const appNamespace = 'app';
/** The researchers' workspace; offered in the languages that have its file (Dutch and English to begin with). */
export const researcherNamespace = 'researcher';

/** Short, stable fingerprint of a Dutch source text. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

export function localeFile(localesDir: string, lang: string, namespace: string, kind: '' | 'status' | 'context' | 'audio' = ''): string {
  return path.join(localesDir, lang, kind ? `${namespace}.${kind}.json` : `${namespace}.json`);
}

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

/** Writes through a temporary file so a reader never sees half a file. */
export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

export function readStrings(localesDir: string, lang: string, namespace: string): Strings {
  return flattenStrings(readJson(localeFile(localesDir, lang, namespace)) ?? {});
}

export function writeStrings(localesDir: string, lang: string, namespace: string, strings: Strings): void {
  writeJson(localeFile(localesDir, lang, namespace), nestStrings(strings));
}

/** Writes a translation in the order of the Dutch keys; keys the Dutch no longer has go last. */
export function writeTranslation(localesDir: string, lang: string, namespace: string, source: Strings, translations: Strings): void {
  const ordered = Object.fromEntries([
    ...Object.keys(source).filter((k) => k in translations).map((k) => [k, translations[k]!]),
    ...Object.entries(translations).filter(([k]) => !(k in source)),
  ]);
  writeStrings(localesDir, lang, namespace, ordered);
}

export function readStatus(localesDir: string, lang: string, namespace: string): StatusFile {
  return (readJson(localeFile(localesDir, lang, namespace, 'status')) as StatusFile | undefined) ?? {};
}

export function writeStatus(localesDir: string, lang: string, namespace: string, status: StatusFile): void {
  const sorted = Object.fromEntries(Object.entries(status).sort(([a], [b]) => a.localeCompare(b)));
  writeJson(localeFile(localesDir, lang, namespace, 'status'), sorted);
}

export function readContext(localesDir: string, namespace: string): ContextFile {
  return (readJson(localeFile(localesDir, sourceLocale, namespace, 'context')) as ContextFile | undefined) ?? {};
}

/** Languages with a folder under `locales/`, the source language first. */
export function localeFolders(localesDir: string): string[] {
  if (!existsSync(localesDir)) return [];
  const folders = readdirSync(localesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return [...folders.filter((f) => f === sourceLocale), ...folders.filter((f) => f !== sourceLocale)];
}

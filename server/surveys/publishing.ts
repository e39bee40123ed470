import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SurveyJson } from './definition.ts';
import { loadSurveyVersion, SurveyDefinitionError, type SurveyRegistry, type SurveyVersion } from './registry.ts';
import { diffSurveyVersions, type VersionChange } from './versions.ts';

/**
 * Publishing a new version of a survey during fieldwork. The definition goes through every check
 * of start-up (`loadSurveyVersion` on a file), is compared with the latest version, and is refused
 * with `breaking_changes` when answers would stop being comparable unless the caller accepts that.
 * The file `surveys/<id>/<n>.json` appears whole or not at all and never replaces another; the
 * version is recorded in the database, which decides between servers that publish at the same
 * moment, and from which every server on it serves the version without a restart. Waves keep their version until someone points them
 * at the new one, and a started response always keeps the version it started with. A publication
 * is audited here, so the researcher pages and the command line write the same row.
 */

export const surveyIdPattern = /^[a-z0-9][a-z0-9-]{0,59}$/;
const versionFile = /^(\d+)\.json$/;

export interface PublishResult {
  surveyId: string;
  /** The number the version gets (or would get, in a preview). */
  version: number;
  /** The version it was compared with; null for a new survey. */
  previousVersion: number | null;
  breaking: VersionChange[];
  safe: VersionChange[];
  published: boolean;
}

/** One change as a line of text: `question: what`. */
export function changeText(change: VersionChange): string {
  return change.question ? `${change.question}: ${change.what}` : change.what;
}

/** What the audit log keeps of a publication: ids, numbers and the breaking changes someone accepted. */
function publishAuditDetail(result: PublishResult): Record<string, unknown> {
  return { surveyId: result.surveyId, version: result.version, previousVersion: result.previousVersion, breakingAccepted: result.breaking.map(changeText) };
}

function versionsOnDisk(folder: string): number[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((name) => versionFile.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]));
}

/**
 * The latest version, whether the registry has it or only the folder does (a version published by
 * the CLI while this server runs): the new one always follows the highest number.
 */
function latestVersion(surveys: SurveyRegistry, folder: string, surveyId: string): SurveyVersion | undefined {
  const inRegistry = surveys.latest(surveyId);
  const onDisk = Math.max(0, ...versionsOnDisk(folder));
  if (inRegistry && inRegistry.version >= onDisk) return inRegistry;
  if (!onDisk) return undefined;
  try {
    return loadSurveyVersion(path.join(folder, `${onDisk}.json`), surveyId, onDisk);
  } catch (error) {
    if (!(error instanceof SurveyDefinitionError)) throw error;
    throw new AppError('conflict', `Version ${onDisk} of ${surveyId} on disk is broken (${error.problem}): an operator must repair it before the next version.`);
  }
}

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx', 0o644);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

interface Staged {
  candidate: SurveyVersion;
  previous: SurveyVersion | undefined;
  version: number;
  folder: string;
  /** The definition written beside its final place; whoever staged it removes it. */
  temp: string;
  /** What the file holds. */
  text: string;
}

/** Writes the definition beside its final place and loads it exactly as start-up would; 422 with the problem otherwise. */
function stage({ surveys, surveysDir, surveyId, definition }: { surveys: SurveyRegistry; surveysDir: string; surveyId: string; definition: unknown }): Staged {
  if (!surveyIdPattern.test(surveyId)) {
    throw new AppError('validation_failed', 'A survey id is 1 to 60 lowercase letters, digits and hyphens, starting with a letter or digit.');
  }
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new AppError('unprocessable', 'The definition must be a SurveyJS JSON object.');
  }
  const folder = path.join(surveysDir, surveyId);
  const previous = latestVersion(surveys, folder, surveyId);
  const version = (previous?.version ?? 0) + 1;
  // Checked as a file beside its final place, so start-up would accept exactly what is published,
  // and so a link from it stays within one file system.
  const temp = path.join(fs.existsSync(folder) ? folder : surveysDir, `.publish-${randomBytes(8).toString('hex')}.json.tmp`);
  const text = `${JSON.stringify(definition as SurveyJson, null, 2)}\n`;
  writeDurably(temp, text);
  try {
    return { candidate: loadSurveyVersion(temp, surveyId, version), previous, version, folder, temp, text };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (!(error instanceof SurveyDefinitionError)) throw error;
    throw new AppError('unprocessable', `The definition cannot be published: ${error.problem}`, { problem: error.problem });
  }
}

/** A definition not published yet, checked as publishing would check it: for a preview in every language before publishing. */
export function checkUnpublishedVersion(options: { surveys: SurveyRegistry; surveysDir: string; surveyId: string; definition: unknown }): SurveyVersion {
  const { candidate, temp } = stage(options);
  fs.rmSync(temp, { force: true });
  return candidate;
}

interface Candidate {
  surveys: SurveyRegistry;
  surveysDir: string;
  surveyId: string;
  definition: unknown;
}

type Intent = { preview: true } | { preview: false; allowBreaking: boolean; now: () => Date };

async function compareOrPublish({ surveys, surveysDir, surveyId, definition, ...intent }: Candidate & Intent): Promise<PublishResult> {
  // The next number follows what any server on the database has published.
  await surveys.refresh();
  const { candidate, previous, version, folder, temp, text } = stage({ surveys, surveysDir, surveyId, definition });
  try {
    const changes = previous ? diffSurveyVersions(previous.definition, candidate.definition) : [];
    const breaking = changes.filter((c) => c.kind === 'breaking');
    const safe = changes.filter((c) => c.kind === 'safe');
    const result = { surveyId, version, previousVersion: previous?.version ?? null, breaking, safe };
    if (intent.preview) return { ...result, published: false };
    if (breaking.length > 0 && !intent.allowBreaking) {
      throw new AppError(
        'breaking_changes',
        `Version ${version} of ${surveyId} has ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'}: answers would not be comparable with version ${previous?.version}. Publish only if you accept that.`,
        { breaking, safe },
      );
    }
    const publishedMeanwhile = () => new AppError('conflict', `Version ${version} of ${surveyId} was published meanwhile. Look at it, then try again.`, { reason: 'published_meanwhile' });
    const file = path.join(folder, `${version}.json`);
    fs.mkdirSync(folder, { recursive: true });
    try {
      // A hard link never replaces an existing file (unlike rename): a version published at the
      // same moment by someone else wins, and this one is refused.
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw publishedMeanwhile();
    }
    fsyncDirectory(folder);
    // The database decides between servers that do not share this folder.
    if (!(await surveys.recordPublished(candidate, text, intent.now()))) {
      fs.rmSync(file);
      throw publishedMeanwhile();
    }
    surveys.add({ ...candidate, source: file });
    return { ...result, published: true };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** What publishing would do (the version it would get and the changes), without writing anything. */
export function previewSurveyVersion(candidate: Candidate): Promise<PublishResult> {
  return compareOrPublish({ ...candidate, preview: true });
}

/** Publishes the definition as the next version and serves it at once; audited. */
export async function publishSurveyVersion(
  deps: Omit<Candidate, 'surveyId' | 'definition'> & { database: Database; now: () => Date },
  { surveyId, definition, allowBreaking = false, actor }: { surveyId: string; definition: unknown; allowBreaking?: boolean | undefined; actor: Actor },
): Promise<PublishResult> {
  const result = await compareOrPublish({ ...deps, surveyId, definition, allowBreaking, preview: false });
  await recordAudit({ ...deps, ...actor, action: 'survey_publish', detail: publishAuditDetail(result) });
  return result;
}

import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import type { ServedTranslations } from '../i18n/saved-translations.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { NewLetter } from '../participants/participant-admin.service.ts';
import type { ParticipantsRepository } from '../participants/participants.repository.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import type { Hasher } from '../tokens/token-hash.ts';
import { parseToken } from '../tokens/token.ts';
import type { LetterSetInfo, LetterStore } from './letter-store.ts';
import { loadLetterTexts } from './letter-texts.ts';
import { lettersCsv, renderLetters } from './letters.ts';

/**
 * What researchers do with a batch's letters, from the workspace and the CLI alike: keep them
 * (encrypted) when tokens are made, print or download them as often as needed, confirm that they
 * are printed or saved (which destroys them), and see which are still kept.
 */

interface Deps {
  /** Where the audit log is kept. */
  database: Database;
  now: () => Date;
  config: Pick<Config, 'publicUrl' | 'host' | 'port'>;
  /** The translations of the study's letter texts and the platform's own. */
  translations: ServedTranslations;
  studies: StudiesRepository;
  definitions: StudyDefinitions;
  letters: LetterStore;
}

/** The address letters and QR codes point to: `WAVEPANEL_PUBLIC_URL`, else the server's own listening address. */
export function letterOrigin(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  return config.publicUrl ?? `http://${config.host}:${config.port}`;
}

export interface KeptLetters extends LetterSetInfo {
  lettersUrl: string;
  downloadUrl: string;
}

export function keptView(set: LetterSetInfo): KeptLetters {
  const base = `/api/studies/${set.studyId}/letters/${set.id}`;
  return { ...set, lettersUrl: base, downloadUrl: `${base}/tokens.csv` };
}

/** Keeps a new set of letters until it is confirmed printed or expires. */
export async function keepLetters(deps: Pick<Deps, 'letters'>, set: { studyId: string; letters: NewLetter[]; kind: LetterSetInfo['kind']; batchId?: number | null; userId: number | null }): Promise<KeptLetters> {
  return keptView(await deps.letters.put(set));
}

const gone = () => new AppError('not_found', 'These letters are no longer kept: they were confirmed printed or saved, or their time ran out. Make new codes for the participants who need a letter.');

async function kept(deps: Pick<Deps, 'letters'>, studyId: string, id: string): Promise<NewLetter[]> {
  const set = await deps.letters.get(studyId, id);
  if (!set) throw gone();
  return set.letters;
}

/** Print-ready letters (HTML) in the study's own texts, audited as served to `actor` with `detail`. */
async function serveLetters(deps: Deps, { studyId, letters, origin, actor, detail }: { studyId: string; letters: NewLetter[]; origin: string; actor: Actor; detail: Record<string, unknown> }): Promise<string> {
  const study = await deps.studies.findStudy(studyId);
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  const definition = (await deps.definitions.of(study)).definition;
  const html = await renderLetters({ letters, origin, textsFor: (language) => loadLetterTexts(deps.translations, definition, language) });
  await recordAudit({ ...deps, ...actor, action: 'letters_served', studyId, detail: { count: letters.length, ...detail } });
  return html;
}

/** The print-ready letters of a kept set, in the study's own texts; audited. */
export async function lettersPage(deps: Deps, { studyId, id, actor }: { studyId: string; id: string; actor: Actor }): Promise<string> {
  return serveLetters(deps, { studyId, letters: await kept(deps, studyId, id), origin: letterOrigin(deps.config), actor, detail: { set: id } });
}

/** A row of the CSV `wavepanel tokens create` wrote. */
export type TokenRow = Partial<Record<'pseudonym' | 'token', string>>;

/**
 * Letters from tokens the operator kept (the CSV of `wavepanel tokens create`); audited. Every token
 * is checked against its participant's stored hash, so a token reissued or withdrawn since is
 * refused (naming its line) rather than printed.
 */
export async function lettersFromTokens(
  deps: Deps & { hash: Hasher; participants: ParticipantsRepository },
  { studyId, rows, origin, actor }: { studyId: string; rows: TokenRow[]; origin: string; actor: Actor },
): Promise<string> {
  if (!(await deps.studies.findStudy(studyId))) throw new AppError('study_not_found', `There is no study ${studyId}.`);
  const letters: NewLetter[] = [];
  for (const [i, row] of rows.entries()) {
    const parsed = parseToken(row.token ?? '');
    const participant = parsed.ok ? await deps.participants.findActiveByTokenHash(deps.hash('token', parsed.token)) : undefined;
    if (!parsed.ok || !participant || participant.studyId !== studyId || participant.pseudonym !== row.pseudonym) {
      throw new AppError('validation_failed', `line ${i + 2}: not a current token of an active participant of ${studyId}; nothing written`, { line: i + 2 });
    }
    letters.push({ participantId: participant.id, pseudonym: participant.pseudonym, language: participant.language, token: parsed.token });
  }
  return serveLetters(deps, { studyId, letters, origin, actor, detail: {} });
}

/** The CSV of a kept set (pseudonym, language, token, link); audited. */
export async function lettersDownload(deps: Deps, { studyId, id, actor }: { studyId: string; id: string; actor: Actor }): Promise<string> {
  const letters = await kept(deps, studyId, id);
  await recordAudit({ ...deps, ...actor, action: 'tokens_downloaded', studyId, detail: { count: letters.length, set: id } });
  return lettersCsv(letters, letterOrigin(deps.config));
}

/** The researcher confirms the letters are printed or saved: they are destroyed now; audited. */
export async function confirmLettersPrinted(deps: Deps, { studyId, id, actor }: { studyId: string; id: string; actor: Actor }): Promise<void> {
  if (!(await deps.letters.destroy(studyId, id))) throw gone();
  await recordAudit({ ...deps, ...actor, action: 'letters_destroyed', studyId, detail: { set: id, reason: 'confirmed' } });
}

export async function keptLetters(deps: Pick<Deps, 'letters'>, studyId: string): Promise<KeptLetters[]> {
  return (await deps.letters.list(studyId)).map(keptView);
}

import { recordAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import type { NewLetter } from '../participants/participant-admin.service.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import type { LetterSetInfo, LetterStore } from './letter-store.ts';
import { loadLetterTexts } from './letter-texts.ts';
import { lettersCsv, renderLetters } from './letters.ts';

/**
 * What researchers do with a batch's letters, from the workspace and the CLI alike: keep them
 * (encrypted) when tokens are made, print or download them as often as needed, confirm that they
 * are printed or saved (which destroys them), and see which are still kept.
 */

interface Deps {
  db: Db;
  now: () => Date;
  config: Pick<Config, 'publicUrl' | 'host' | 'port' | 'localesDir'>;
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
export function keepLetters(deps: Pick<Deps, 'letters'>, set: { studyId: string; letters: NewLetter[]; kind: LetterSetInfo['kind']; batchId?: number | null; userId: number | null }): KeptLetters {
  return keptView(deps.letters.put(set));
}

const gone = () => new AppError('not_found', 'These letters are no longer kept: they were confirmed printed or saved, or their time ran out. Make new codes for the participants who need a letter.');

function kept(deps: Pick<Deps, 'letters'>, studyId: string, id: string): NewLetter[] {
  const set = deps.letters.get(studyId, id);
  if (!set) throw gone();
  return set.letters;
}

/** The print-ready letters of a kept set, in the study's own texts; audited. */
export async function lettersPage(deps: Deps, { studyId, id, userId, via }: { studyId: string; id: string; userId: number | null; via: 'api' | 'cli' }): Promise<string> {
  const letters = kept(deps, studyId, id);
  const study = await deps.studies.findStudy(studyId);
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  const definition = deps.definitions.of(study).definition;
  const html = await renderLetters({ letters, origin: letterOrigin(deps.config), textsFor: (language) => loadLetterTexts(deps.config.localesDir, definition, language) });
  await recordAudit({ ...deps, userId, action: 'letters_served', studyId, detail: { count: letters.length, set: id, via } });
  return html;
}

/** The CSV of a kept set (pseudonym, language, token, link); audited. */
export async function lettersDownload(deps: Deps, { studyId, id, userId }: { studyId: string; id: string; userId: number | null }): Promise<string> {
  const letters = kept(deps, studyId, id);
  await recordAudit({ ...deps, userId, action: 'tokens_downloaded', studyId, detail: { count: letters.length, set: id } });
  return lettersCsv(letters, letterOrigin(deps.config));
}

/** The researcher confirms the letters are printed or saved: they are destroyed now; audited. */
export async function confirmLettersPrinted(deps: Deps, { studyId, id, userId }: { studyId: string; id: string; userId: number | null }): Promise<void> {
  if (!deps.letters.destroy(studyId, id)) throw gone();
  await recordAudit({ ...deps, userId, action: 'letters_destroyed', studyId, detail: { set: id, reason: 'confirmed' } });
}

export function keptLetters(deps: Pick<Deps, 'letters'>, studyId: string): KeptLetters[] {
  return deps.letters.list(studyId).map(keptView);
}

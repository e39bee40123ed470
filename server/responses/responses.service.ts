import type { Session } from '../../shared/contract/respondent.ts';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { ParticipantsRepository } from '../participants/participants.repository.ts';
import type { StudiesRepository, Study, Wave } from '../studies/studies.repository.ts';
import { openWaveOf } from '../studies/studies.service.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import type { ServedTranslations } from '../i18n/saved-translations.ts';
import { studyTextInEveryLanguage } from '../i18n/study-titles.ts';
import { isOpen } from '../studies/wave-window.ts';
import { locales } from '../surveys/localization.ts';
import type { SurveyRegistry, SurveyVersion } from '../surveys/registry.ts';
import type { AttemptLimiter, AttemptSubject } from '../tokens/attempt-limiter.ts';
import type { Hasher } from '../tokens/token-hash.ts';
import { normaliseTokenInput, parseToken } from '../tokens/token.ts';
import { contentHash } from './canonical-json.ts';
import { newResponseId } from './response-id.ts';
import type { NewResponse, Response, ResponsesRepository, SubmissionContext, SubmissionOutcome } from './responses.repository.ts';
import { startVariables } from './variables.ts';

export interface RespondentDeps {
  studies: StudiesRepository;
  participants: ParticipantsRepository;
  responses: ResponsesRepository;
  surveys: SurveyRegistry;
  hash: Hasher;
  now: () => Date;
  definitions: StudyDefinitions;
  /** The translations respondents are served (of the study's title and purpose here). */
  translations: ServedTranslations;
}

export interface StartRequest {
  token?: string | undefined;
  studyId?: string | undefined;
  locale: string;
  /** The person chose `locale` on this device (not the device's or the letter's default). */
  localeChosen?: boolean | undefined;
  channel: 'web' | 'kiosk';
}

/**
 * The language a resumed response is shown in: the one chosen on this device, else the one the
 * response was last answered in, which so follows the respondent to another device.
 */
export function resumeLocale(request: { locale: string; localeChosen?: boolean | undefined }, stored: string): string {
  return request.localeChosen ? request.locale : stored;
}

export type TokenLookup = { ok: true; participantId: number; studyId: string } | { ok: false };

/**
 * Looks a typed token up by its keyed hash. A malformed token is hashed and looked up all the
 * same, so that it takes as long and gets the same answer as a well-formed unknown one.
 */
export async function lookUpToken(deps: Pick<RespondentDeps, 'participants' | 'hash'>, input: string): Promise<TokenLookup> {
  const parsed = parseToken(input);
  const participant = await deps.participants.findActiveByTokenHash(deps.hash('token', parsed.ok ? parsed.token : input));
  return parsed.ok && participant ? { ok: true, participantId: participant.id, studyId: participant.studyId } : { ok: false };
}

/**
 * `lookUpToken` for whoever may be guessing: undefined, without a look-up, once the subject or the
 * typed token has used up its failed attempts; a failed look-up counts against both.
 */
export async function lookUpTokenCounted(
  deps: Pick<RespondentDeps, 'participants' | 'hash'> & { tokenAttempts: AttemptLimiter },
  subject: AttemptSubject,
  input: string,
): Promise<TokenLookup | undefined> {
  const typed = normaliseTokenInput(input);
  if (await deps.tokenAttempts.blocked(subject, typed)) return undefined;
  const lookup = await lookUpToken(deps, input);
  if (!lookup.ok) await deps.tokenAttempts.recordFailure(subject, typed);
  return lookup;
}

export function responseKeyOf(hash: Hasher, responseId: string): string {
  return hash('response-key', responseId);
}

function keyMatches(hash: Hasher, responseId: string, presented: string): boolean {
  const expected = Buffer.from(responseKeyOf(hash, responseId));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const surveyNotInstalled = (id: string, version: number) => new AppError('survey_not_found', `Survey ${id} version ${version} is not installed.`);

function surveyOf(deps: RespondentDeps, id: string, version: number): SurveyVersion {
  const survey = deps.surveys.get(id, version);
  if (!survey) throw surveyNotInstalled(id, version);
  return survey;
}

/** `surveyOf`, also for a version another server published a moment ago. */
async function findSurvey(deps: RespondentDeps, id: string, version: number): Promise<SurveyVersion> {
  const survey = await deps.surveys.find(id, version);
  if (!survey) throw surveyNotInstalled(id, version);
  return survey;
}

/** A definition's address in a language, under its content hash: the browser may keep it for good. */
function definitionUrl(deps: Pick<RespondentDeps, 'surveys'>, survey: SurveyVersion, locale: string): string {
  return `/api/surveys/${survey.id}/${survey.version}?locale=${locale}&h=${deps.surveys.localize(survey, locale).hash}`;
}

async function sessionOf(deps: RespondentDeps, study: Study, response: Response, waveCode: string, locale: string): Promise<Session> {
  const survey = await findSurvey(deps, response.surveyId, response.surveyVersion);
  const urls = Object.fromEntries(locales.map((code) => [code, definitionUrl(deps, survey, code)]));
  const { definition } = await deps.definitions.of(study);
  return {
    responseId: response.id,
    responseKey: responseKeyOf(deps.hash, response.id),
    studyId: response.studyId,
    title: studyTextInEveryLanguage(deps.translations, definition, 'title'),
    purpose: studyTextInEveryLanguage(deps.translations, definition, 'purpose'),
    waveCode,
    survey: { id: survey.id, version: survey.version, url: urls[locale]!, urls },
    locale,
    answers: JSON.parse(response.answers) as Record<string, unknown>,
    pageNo: response.pageNo,
    variables: JSON.parse(response.variables) as Record<string, unknown>,
  };
}

const tokenInvalid = () => new AppError('token_invalid', 'This code is not known. Check the letter and try again.');

/**
 * Starts a response in the wave open now, or resumes the participant's response in it (with the
 * survey version it started with). Anonymous for a cross-sectional study. Two devices starting at
 * once get the same response (the repository finds or makes it as one step).
 */
export async function startOrResume(deps: RespondentDeps, request: StartRequest, token: TokenLookup | undefined): Promise<Session> {
  return openResponse(deps, request, await responseTarget(deps, request, token));
}

/** The study and open wave a start request answers, and the participant (null when anonymous). */
export interface ResponseTarget {
  now: Date;
  study: Study;
  wave: Wave;
  participantId: number | null;
}

/** What `startOrResume` reads before it writes: the study, its open wave and the participant, or the error the respondent is shown. */
export async function responseTarget(deps: RespondentDeps, request: StartRequest, token: TokenLookup | undefined): Promise<ResponseTarget> {
  const now = deps.now();
  const studyId = token?.ok ? token.studyId : request.studyId;
  if (token && !token.ok) throw tokenInvalid();
  const found = studyId ? await deps.studies.findStudyWithWaves(studyId) : undefined;
  if (!found) throw new AppError('study_not_found', 'This questionnaire does not exist.');
  const { study, waves } = found;
  if (study.kind === 'panel' && !token) throw tokenInvalid();
  if (study.archivedAt) throw new AppError('wave_closed', 'This questionnaire is closed.');
  const wave = openWaveOf(waves, now);
  const participantId = study.kind === 'panel' && token?.ok ? token.participantId : null;
  return { now, study, wave, participantId };
}

/**
 * The definition a start with a letter's token would show first (the survey version and language
 * of the response it resumes, else the open wave's in `locale`), found without starting anything,
 * so that the letter's page can download it while the person reads the Start button. Undefined
 * where a start would be refused. The look-up counts as an attempt like a start (else the page
 * would tell a guesser which codes exist); a malformed code, which says nothing, is not looked up.
 */
export async function letterDefinitionUrl(
  deps: RespondentDeps & { tokenAttempts: AttemptLimiter },
  subject: AttemptSubject,
  input: string,
  locale: string,
): Promise<string | undefined> {
  if (!parseToken(input).ok) return undefined;
  const token = await lookUpTokenCounted(deps, subject, input);
  if (!token?.ok) return undefined;
  let target: ResponseTarget;
  try {
    target = await responseTarget(deps, { locale, channel: 'web' }, token);
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
  const existing = target.participantId === null ? undefined : await deps.responses.findForParticipant(target.wave.id, target.participantId);
  if (existing?.completedAt) return undefined;
  const survey = existing ? await deps.surveys.find(existing.surveyId, existing.surveyVersion) : await deps.surveys.find(target.wave.surveyId, target.wave.surveyVersion);
  return survey && definitionUrl(deps, survey, existing ? resumeLocale({ locale }, existing.locale) : locale);
}

/** The writing part of `startOrResume`, for a caller that has read the target once for many responses. */
export async function openResponse(deps: RespondentDeps, request: StartRequest, { now, study, wave, participantId }: ResponseTarget): Promise<Session> {
  // Needed only for a new response: one that resumes keeps the version it started with.
  const waveSurvey = await deps.surveys.find(wave.surveyId, wave.surveyVersion);
  const newResponse = (otherAnswers: string[]): NewResponse => {
    if (!waveSurvey) throw surveyNotInstalled(wave.surveyId, wave.surveyVersion);
    const survey = waveSurvey;
    const earlier = otherAnswers.map((a) => JSON.parse(a) as Record<string, unknown>);
    return {
      id: newResponseId(now),
      studyId: study.id,
      waveId: wave.id,
      participantId,
      surveyId: survey.id,
      surveyVersion: survey.version,
      locale: request.locale,
      channel: request.channel,
      answers: '{}',
      variables: JSON.stringify(startVariables(earlier)),
      pageNo: 0,
      startedAt: now,
      updatedAt: now,
      test: study.pilot,
    };
  };
  const response =
    participantId === null ? await deps.responses.insert(newResponse([])) : await deps.responses.findOrInsertForParticipant(wave.id, participantId, newResponse);
  if (response.completedAt) throw new AppError('already_completed', 'You have already filled in this questionnaire. Thank you!');
  // A new response has the request's locale, so this is the request's locale for it.
  return sessionOf(deps, study, response, wave.code, resumeLocale(request, response.locale));
}

export interface SubmissionRequest {
  responseId: string;
  responseKey: string;
  submissionId: string;
  pageNo: number;
  answers: Record<string, unknown>;
  complete?: boolean | undefined;
  locale?: string | undefined;
}

export interface SubmissionResult {
  status: 'in_progress' | 'completed';
  pageNo: number;
}

function merge(saved: Record<string, unknown>, page: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...saved };
  for (const [name, value] of Object.entries(page)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/**
 * Saves a page of answers, or completes the response. Checked before any write: the response key,
 * every answer against the compiled rules of the response's survey version. A retried submission
 * (same id, same content) is answered again without storing twice; the same id with other content
 * is a conflict.
 */
export async function submit(deps: RespondentDeps, request: SubmissionRequest): Promise<SubmissionResult> {
  if (!keyMatches(deps.hash, request.responseId, request.responseKey)) {
    throw new AppError('response_key_invalid', 'This answer session is not valid. Please start again.');
  }
  const store = () => deps.responses.storeSubmission(request.responseId, request.submissionId, (stored) => decideSubmission(deps, request, stored));
  try {
    return await store();
  } catch (error) {
    // A response started on another server, on a version published there a moment ago.
    if (!(error instanceof AppError && error.code === 'survey_not_found') || (await deps.surveys.refresh()).length === 0) throw error;
    return store();
  }
}

/** What a submission answers and stores, decided on what is stored for its response; throws the error the respondent is shown. */
function decideSubmission(deps: RespondentDeps, request: SubmissionRequest, stored: SubmissionContext | undefined): SubmissionOutcome<SubmissionResult> {
  if (!stored) throw new AppError('response_key_invalid', 'This answer session is not valid. Please start again.');
  const { response, wave, earlier } = stored;

  // The answers are checked before they are hashed: the check bounds their nesting, which the
  // recursive hash would otherwise overflow on (a 400, not a 500). A retry passes it again.
  const survey = surveyOf(deps, response.surveyId, response.surveyVersion);
  const problem = survey.rules.check(request.answers);
  if (problem) throw new AppError(problem.code, `'${problem.question}' ${problem.reason}.`, { question: problem.question });
  const hash = contentHash({ pageNo: request.pageNo, answers: request.answers, complete: request.complete === true });

  if (earlier) {
    if (earlier.contentHash !== hash) throw new AppError('submission_conflict', 'This submission id was already used for other answers.');
    return { answer: { status: response.completedAt ? 'completed' : 'in_progress', pageNo: response.pageNo } };
  }
  if (response.completedAt) throw new AppError('response_completed', 'This questionnaire is already complete.');
  const now = deps.now();
  if (!isOpen(wave, now)) throw new AppError('wave_closed', 'This questionnaire is closed.');

  let answers = merge(JSON.parse(response.answers) as Record<string, unknown>, request.answers);
  let completedAt: Date | null = null;
  if (request.complete) {
    const variables = JSON.parse(response.variables) as Record<string, unknown>;
    const missing = survey.rules.missingRequired(answers, variables);
    if (missing.length > 0) throw new AppError('required_missing', 'Some required questions are not answered.', { questions: missing });
    answers = survey.rules.withoutHidden(answers, variables);
    completedAt = now;
  }
  return {
    answer: { status: completedAt ? 'completed' : 'in_progress', pageNo: request.pageNo },
    save: {
      submission: { responseId: response.id, submissionId: request.submissionId, contentHash: hash, pageNo: request.pageNo, completes: request.complete === true, receivedAt: now },
      change: { answers: JSON.stringify(answers), pageNo: request.pageNo, locale: request.locale ?? response.locale, updatedAt: now, completedAt },
    },
  };
}

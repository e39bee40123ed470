import type { Static, TArray, TNull, TSchema, TUnsafe } from 'typebox';
import type { AuditEntrySchema } from './audit.ts';
import type {
  EnrolmentSchema,
  LinkCodeBodySchema,
  LoginBodySchema,
  PasswordChangeBodySchema,
  PasswordResetBodySchema,
  RecoveryCodesSchema,
  ResetAccountSchema,
  SecondFactorCodeBodySchema,
  SetupBodySchema,
  SetupNeededSchema,
  SignedInSchema,
  UserSchema,
} from './auth.ts';
import type { FieldworkSchema } from './fieldwork.ts';
import type { CatalogSchema, RecordingListSchema } from './i18n.ts';
import type {
  batchBodySchema,
  BatchCreatedSchema,
  BatchSchema,
  LettersDestroyedSchema,
  LettersStateSchema,
  NewCodesSchema,
  ParticipantPageSchema,
  ReissuedSchema,
  TokenBodySchema,
  TokenHolderSchema,
  WithdrawnSchema,
} from './participants.ts';
import type { RegisterBodySchema, RegisterImportedSchema, RegisterPreviewSchema } from './register.ts';
import type { PanelReportSchema } from './report.ts';
import type { KioskResetBodySchema, SessionSchema, StartBodySchema, SubmissionBodySchema, SubmissionResultSchema, WithdrawalBodySchema, WithdrawalDoneSchema } from './respondent.ts';
import type {
  ConfirmBodySchema,
  LetterTextsBodySchema,
  LetterTextsSchema,
  NewStudyBodySchema,
  NewWaveBodySchema,
  PilotBodySchema,
  StudyCopyBodySchema,
  StudyDeletedSchema,
  StudyFromDefinitionBodySchema,
  StudySchema,
  TestResponsesDeletedSchema,
  WaveChangeBodySchema,
  WaveSchema,
} from './studies.ts';
import type { LocalizedDefinitionSchema, PublicationSchema, PublishBodySchema, SurveyListItemSchema, UnpublishedBodySchema } from './surveys.ts';
import type { RecordingSavedSchema, TranslationBodySchema, WorkspaceFileSchema, WorkspaceSchema, WorkspaceStringSchema } from './translate.ts';
import type { DisabledBodySchema, LanguagesBodySchema, NewUserBodySchema, ResetLinkSchema, SecurityBodySchema, SecuritySchema, UserRowSchema } from './users.ts';

/**
 * The routes the clients call, by method and path as the server registers them: the schema of the
 * body each takes (none where there is no `body`) and of its answer on success, the very schemas
 * the route validates with. The client names a route (`'GET /api/studies/:studyId'`) and gets the
 * answer's type from here, so it cannot name the wrong one; the map is types only.
 */
export interface Routes {
  'GET /api/setup': { response: typeof SetupNeededSchema };
  'POST /api/setup/check': { body: typeof LinkCodeBodySchema; response: TNull };
  'POST /api/setup': { body: typeof SetupBodySchema; response: typeof UserSchema };
  'POST /api/auth/login': { body: typeof LoginBodySchema; response: typeof SignedInSchema };
  'GET /api/auth/session': { response: typeof SignedInSchema };
  'POST /api/auth/logout': { response: TNull };
  'POST /api/auth/password': { body: typeof PasswordChangeBodySchema; response: TNull };
  'POST /api/auth/reset/check': { body: typeof LinkCodeBodySchema; response: typeof ResetAccountSchema };
  'POST /api/auth/reset': { body: typeof PasswordResetBodySchema; response: TNull };
  'POST /api/auth/second-factor/enrolment': { response: typeof EnrolmentSchema };
  'POST /api/auth/second-factor/confirmation': { body: typeof SecondFactorCodeBodySchema; response: typeof RecoveryCodesSchema };

  'GET /api/users': { response: TArray<typeof UserRowSchema> };
  'POST /api/users': { body: typeof NewUserBodySchema; response: typeof UserSchema };
  'PUT /api/users/:userId/languages': { body: typeof LanguagesBodySchema; response: TNull };
  'POST /api/users/:userId/disabled': { body: typeof DisabledBodySchema; response: TNull };
  'POST /api/users/:userId/second-factor/removal': { response: TNull };
  'POST /api/users/:userId/reset-link': { response: typeof ResetLinkSchema };
  'GET /api/settings/security': { response: typeof SecuritySchema };
  'PUT /api/settings/security': { body: typeof SecurityBodySchema; response: typeof SecuritySchema };
  'GET /api/audit': { response: TArray<typeof AuditEntrySchema> };

  'GET /api/studies': { response: TArray<typeof StudySchema> };
  'POST /api/studies': { body: typeof NewStudyBodySchema; response: typeof StudySchema };
  'GET /api/studies/:studyId': { response: typeof StudySchema };
  'POST /api/studies/from-definition': { body: typeof StudyFromDefinitionBodySchema; response: typeof StudySchema };
  'POST /api/studies/:studyId/copy': { body: typeof StudyCopyBodySchema; response: typeof StudySchema };
  'PUT /api/studies/:studyId/pilot': { body: typeof PilotBodySchema; response: typeof StudySchema };
  'POST /api/studies/:studyId/test-responses/delete': { response: typeof TestResponsesDeletedSchema };
  'POST /api/studies/:studyId/archive': { body: typeof ConfirmBodySchema; response: typeof StudySchema };
  'POST /api/studies/:studyId/delete': { body: typeof ConfirmBodySchema; response: typeof StudyDeletedSchema };
  'PUT /api/studies/:studyId/members/:userId': { response: TNull };
  'DELETE /api/studies/:studyId/members/:userId': { response: TNull };
  'POST /api/studies/:studyId/waves': { body: typeof NewWaveBodySchema; response: typeof WaveSchema };
  'PATCH /api/studies/:studyId/waves/:waveId': { body: typeof WaveChangeBodySchema; response: typeof WaveSchema };
  'POST /api/studies/:studyId/waves/:waveId/open': { response: typeof WaveSchema };
  'POST /api/studies/:studyId/waves/:waveId/close': { response: typeof WaveSchema };
  'GET /api/studies/:studyId/letter-texts': { response: typeof LetterTextsSchema };
  'PUT /api/studies/:studyId/letter-texts': { body: typeof LetterTextsBodySchema; response: typeof LetterTextsSchema };
  'GET /api/studies/:studyId/letters': { response: typeof LettersStateSchema };
  'POST /api/studies/:studyId/letters/:letterId/confirm': { response: typeof LettersDestroyedSchema };
  'GET /api/studies/:studyId/participants': { response: typeof ParticipantPageSchema };
  'GET /api/studies/:studyId/batches': { response: TArray<typeof BatchSchema> };
  'POST /api/studies/:studyId/batches': { body: ReturnType<typeof batchBodySchema>; response: typeof BatchCreatedSchema };
  'POST /api/studies/:studyId/participants/:participantId/reissue': { response: typeof ReissuedSchema };
  'POST /api/studies/:studyId/batches/:batchId/new-codes': { response: typeof NewCodesSchema };
  'POST /api/studies/:studyId/participants/:participantId/withdraw': { response: typeof WithdrawnSchema };
  'POST /api/studies/:studyId/withdrawals/lookup': { body: typeof TokenBodySchema; response: typeof TokenHolderSchema };
  'POST /api/studies/:studyId/withdrawals': { body: typeof TokenBodySchema; response: typeof WithdrawnSchema };
  'POST /api/studies/:studyId/register/preview': { body: typeof RegisterBodySchema; response: typeof RegisterPreviewSchema };
  'POST /api/studies/:studyId/register/import': { body: typeof RegisterBodySchema; response: typeof RegisterImportedSchema };
  'GET /api/studies/:studyId/fieldwork': { response: typeof FieldworkSchema };
  'GET /api/studies/:studyId/report': { response: typeof PanelReportSchema };

  'GET /api/surveys': { response: TArray<typeof SurveyListItemSchema> };
  'GET /api/surveys/:surveyId/:version': { response: typeof LocalizedDefinitionSchema };
  'POST /api/surveys/:surveyId/versions': { body: typeof PublishBodySchema; response: typeof PublicationSchema };
  'POST /api/surveys/:surveyId/unpublished': { body: typeof UnpublishedBodySchema; response: typeof LocalizedDefinitionSchema };

  'GET /api/translate': { response: typeof WorkspaceSchema };
  'GET /api/translate/:lang/:namespace': { response: typeof WorkspaceFileSchema };
  'PUT /api/translate/:lang/:namespace/:key': { body: typeof TranslationBodySchema; response: typeof WorkspaceStringSchema };
  'POST /api/translate/:lang/:namespace/:key/review': { response: typeof WorkspaceStringSchema };
  'PUT /api/translate/:lang/:namespace/:key/recording': { body: TUnsafe<Blob>; response: typeof RecordingSavedSchema };

  'POST /api/respondent/sessions': { body: typeof StartBodySchema; response: typeof SessionSchema };
  'POST /api/respondent/responses/:responseId/submissions': { body: typeof SubmissionBodySchema; response: typeof SubmissionResultSchema };
  'POST /api/respondent/withdrawal': { body: typeof WithdrawalBodySchema; response: typeof WithdrawalDoneSchema };
  'POST /api/respondent/kiosk/reset': { body: typeof KioskResetBodySchema; response: TNull };

  'GET /api/i18n/:lang/:catalog': { response: typeof CatalogSchema };
  'GET /api/recordings/:surveyId/:lang': { response: typeof RecordingListSchema };
}

export type RouteName = keyof Routes;

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<Rest> : Path extends `${string}:${infer Name}` ? Name : never;
/** The route's path parameters (`:studyId`), each filled in by the client. */
export type RouteParams<R extends RouteName> = Record<ParamNames<R>, string | number>;
/** What the route's body must be; `never` for a route that takes none. */
export type RouteBody<R extends RouteName> = Routes[R] extends { body: infer Body extends TSchema } ? Static<Body> : never;
/** The answer on success; a route that answers 204 gives nothing. */
export type RouteResponse<R extends RouteName> = Routes[R]['response'] extends TNull ? void : Static<Routes[R]['response']>;

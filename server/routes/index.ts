import type { FastifyInstance } from 'fastify';
import audit from './api/audit/audit.ts';
import auth from './api/auth/auth.ts';
import catalogs from './api/i18n/catalogs.ts';
import openapi from './api/openapi.ts';
import kiosk from './api/respondent/kiosk.ts';
import sessions from './api/respondent/sessions.ts';
import submissions from './api/respondent/submissions.ts';
import respondentWithdrawal from './api/respondent/withdrawal.ts';
import fieldwork from './api/studies/fieldwork.ts';
import exportsRoutes from './api/studies/exports.ts';
import members from './api/studies/members.ts';
import participants from './api/studies/participants.ts';
import register from './api/studies/register.ts';
import recordings from './api/recordings/recordings.ts';
import reports from './api/studies/reports.ts';
import studies from './api/studies/studies.ts';
import withdrawals from './api/studies/withdrawals.ts';
import surveyPublishing from './api/surveys/publish.ts';
import surveys from './api/surveys/surveys.ts';
import translate from './api/translate/translate.ts';
import users from './api/users/users.ts';
import pages from './pages.ts';

/** Every route of the app, registered in one place. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(openapi);
  await app.register(sessions);
  await app.register(submissions);
  await app.register(kiosk);
  await app.register(respondentWithdrawal);
  await app.register(surveys);
  await app.register(catalogs);
  await app.register(recordings);
  await app.register(auth);
  await app.register(users);
  await app.register(audit);
  await app.register(studies);
  await app.register(members);
  await app.register(participants);
  await app.register(withdrawals);
  await app.register(register);
  await app.register(fieldwork);
  await app.register(exportsRoutes);
  await app.register(reports);
  await app.register(surveyPublishing);
  await app.register(translate);
  await app.register(pages);
}

import type { FastifyInstance } from 'fastify';
import openapi from './api/openapi.ts';
import kiosk from './api/respondent/kiosk.ts';
import sessions from './api/respondent/sessions.ts';
import submissions from './api/respondent/submissions.ts';
import surveys from './api/surveys/surveys.ts';
import pages from './pages.ts';

/** Every route of the app, registered in one place. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(openapi);
  await app.register(sessions);
  await app.register(submissions);
  await app.register(kiosk);
  await app.register(surveys);
  await app.register(pages);
}

import type { Config } from './config.ts';
import { closeDatabase, openConfiguredDatabase, type Database } from './db/database.ts';
import { createServices, type Services } from './services.ts';
import { loadStudyDefinitions, type StudyDefinitions } from './studies/study-registry.ts';
import { loadSurveyRegistry, type SurveyRegistry } from './surveys/registry.ts';

/**
 * The command line's composition root: what every `npx wavepanel` command receives. Each part is
 * built once, on first use, and the services are built from the same parts: a command that only
 * reads files (`i18n`, `surveys check`) never opens the database, one that only copies it
 * (`backup`) loads no survey, and an export, which needs no token secret, still runs when that
 * secret is lost.
 */
export interface CommandContext {
  readonly config: Config;
  readonly now: () => Date;
  /** The database `DATABASE_URL` names (PostgreSQL or the SQLite file), opened on first use. */
  readonly database: Promise<Database>;
  readonly surveys: SurveyRegistry;
  readonly definitions: StudyDefinitions;
  /** Built on first use (an asynchronous start: secrets are checked against the database). */
  readonly services: Promise<Services>;
}

export function commandContext(config: Config, { existingDatabase = false }: { existingDatabase?: boolean } = {}): CommandContext & { close: () => Promise<void> } {
  let database: Promise<Database> | undefined;
  let surveys: SurveyRegistry | undefined;
  let definitions: StudyDefinitions | undefined;
  let services: Promise<Services> | undefined;
  const context = {
    config,
    now: () => new Date(),
    get database(): Promise<Database> {
      return (database ??= openConfiguredDatabase(config, { existing: existingDatabase }));
    },
    get surveys(): SurveyRegistry {
      return (surveys ??= loadSurveyRegistry(config.surveysDir, config.localesDir));
    },
    get definitions(): StudyDefinitions {
      return (definitions ??= loadStudyDefinitions(config.studiesDir, context.surveys));
    },
    get services(): Promise<Services> {
      return (services ??= context.database.then((opened) => createServices({ config, database: opened, surveys: context.surveys, definitions: context.definitions, now: context.now })));
    },
    async close(): Promise<void> {
      // A database that failed to open has nothing to close.
      const opened = await database?.catch(() => undefined);
      if (opened) await closeDatabase(opened);
    },
  };
  return context;
}

import { copyStudyTranslations } from './i18n/workspace.service.ts';
import type { Config } from './config.ts';
import { closeDatabase, openConfiguredDatabase, type Database } from './db/database.ts';
import { createSecondFactorSecrets, sealPlainSecrets, secondFactorKeyFile, secondFactorKeyUse } from './auth/second-factor-secrets.ts';
import { createAppCatalogs } from './i18n/app-catalog.ts';
import { SavedTranslations, ServedTranslations } from './i18n/saved-translations.ts';
import { translationsRepositoryFor } from './i18n/translations.repository.pg.ts';
import { createLetterStore } from './letters/letter-store.ts';
import { participantsRepositoryFor } from './participants/participants.repository.pg.ts';
import { responsesRepositoryFor } from './responses/responses.repository.pg.ts';
import { studiesRepositoryFor } from './studies/studies.repository.pg.ts';
import { studyDefinitionsRepositoryFor } from './studies/study-definitions.repository.pg.ts';
import { loadStudyDefinitions, type StudyDefinitions } from './studies/study-registry.ts';
import { loadSurveyRegistry, type SurveyRegistry } from './surveys/registry.ts';
import { surveyVersionsRepositoryFor } from './surveys/survey-versions.repository.pg.ts';
import { rateLimitsRepositoryFor } from './shared/rate-limits.repository.pg.ts';
import type { CounterStore } from './shared/window-counter.ts';
import { AttemptLimiter } from './tokens/attempt-limiter.ts';
import { createHasher, keyFileBeside, loadOrCreateSecret } from './tokens/token-hash.ts';

/**
 * Everything the routes and the CLI work with, built once from the config. Time comes from `now`
 * so that tests can move the clock.
 *
 * `database` is where every domain module keeps its data: the one given (tests, the command line),
 * else the one `DATABASE_URL` names, PostgreSQL or the SQLite file (no SQLite file is opened when
 * PostgreSQL is chosen). Whoever holds the services closes it (the app on close, the command line).
 */
export async function createServices(options: ServicesOptions & { database?: Database }) {
  const database = options.database ?? (await openConfiguredDatabase(options.config));
  try {
    return await servicesOn({ ...options, database });
  } catch (error) {
    // A refusal at start-up (a missing secret file, say) closes what it opened: an open PostgreSQL
    // pool would keep the process alive until its connections idle out.
    if (!options.database) await closeDatabase(database);
    throw error;
  }
}

interface ServicesOptions {
  config: Config;
  surveys?: SurveyRegistry;
  definitions?: StudyDefinitions;
  now?: () => Date;
}

async function servicesOn({ config, database: storage, surveys, definitions, now = () => new Date() }: ServicesOptions & { database: Database }) {
  const translations = new ServedTranslations(config.localesDir, await SavedTranslations.following(translationsRepositoryFor(storage)));
  const registry = await (surveys ?? loadSurveyRegistry(config.surveysDir, config.localesDir)).following(surveyVersionsRepositoryFor(storage), translations);
  const participants = participantsRepositoryFor(storage);
  const tokensStored = await participants.hasAny();
  const letters = createLetterStore({ database: storage, key: loadOrCreateSecret(keyFileBeside(config.secretPath, 'wavepanel-letters.key')), now });
  await letters.sweep();
  const secondFactorSecrets = createSecondFactorSecrets(loadOrCreateSecret(keyFileBeside(config.secretPath, secondFactorKeyFile), await secondFactorKeyUse({ database: storage })));
  await sealPlainSecrets({ database: storage, secrets: secondFactorSecrets });
  const hash = createHasher(loadOrCreateSecret(config.secretPath, { name: 'token secret file', holds: 'participant tokens', stored: () => tokensStored }));
  /** The counters every server on this database shares, keyed by hashes made with the token secret (which those servers share too). */
  const rateLimits: CounterStore = { store: rateLimitsRepositoryFor(storage), hash, now: () => now().getTime() };
  return {
    config,
    database: storage,
    /** Letters kept encrypted until printed or expired; the key is a file beside the token secret. */
    letters,
    /** The authenticator apps' secrets, kept encrypted; the key is a file beside the token secret. */
    secondFactorSecrets,
    now,
    hash,
    rateLimits,
    surveys: registry,
    /** Study definitions; a study without one gets defaults from its database row. */
    definitions: (definitions ?? loadStudyDefinitions(config.studiesDir, registry)).following(studyDefinitionsRepositoryFor(storage)),
    /** The translations respondents are served: the files of `locales/` with what was saved in the workspace (on any server) over them. */
    translations,
    appCatalogs: createAppCatalogs(translations),
    /** Gives a copied study's texts the translations of the study it was copied from (copyStudy). */
    copyStudyTranslations: (fromStudy: string, toStudy: string) => copyStudyTranslations({ config, translations, now }, { fromStudy, toStudy }),
    studies: studiesRepositoryFor(storage),
    participants,
    responses: responsesRepositoryFor(storage),
    tokenAttempts: new AttemptLimiter({ failures: config.tokenAttemptLimit, anonymousStarts: config.anonymousStartLimit, kioskFactor: 10, windowMs: config.tokenAttemptWindowMs }, rateLimits),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

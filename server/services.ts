import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { createSecondFactorSecrets, sealPlainSecrets, secondFactorKeyFile, secondFactorKeyUse } from './auth/second-factor-secrets.ts';
import { createAppCatalogs } from './i18n/app-catalog.ts';
import { createLetterStore } from './letters/letter-store.ts';
import { createParticipantsRepository } from './participants/participants.repository.ts';
import { createResponsesRepository } from './responses/responses.repository.ts';
import { createWriteQueue } from './responses/write-queue.ts';
import { createStudiesRepository } from './studies/studies.repository.ts';
import { loadStudyDefinitions, type StudyDefinitions } from './studies/study-registry.ts';
import { loadSurveyRegistry, type SurveyRegistry } from './surveys/registry.ts';
import { AttemptLimiter } from './tokens/attempt-limiter.ts';
import { createHasher, keyFileBeside, loadOrCreateSecret } from './tokens/token-hash.ts';

/**
 * Everything the routes and the CLI work with, built once from the config. Time comes from `now`
 * so that tests can move the clock.
 */
export function createServices({
  config,
  db,
  surveys,
  definitions,
  now = () => new Date(),
}: {
  config: Config;
  db?: Db;
  surveys?: SurveyRegistry;
  definitions?: StudyDefinitions;
  now?: () => Date;
}) {
  const database = db ?? openDatabase(config.databasePath, { syncMode: config.syncMode });
  const registry = surveys ?? loadSurveyRegistry(config.surveysDir, config.localesDir);
  const participants = createParticipantsRepository({ db: database });
  const letters = createLetterStore({ db: database, key: loadOrCreateSecret(keyFileBeside(config.secretPath, 'wavepanel-letters.key')), now });
  letters.sweep();
  const secondFactorSecrets = createSecondFactorSecrets(loadOrCreateSecret(keyFileBeside(config.secretPath, secondFactorKeyFile), secondFactorKeyUse({ db: database })));
  sealPlainSecrets({ db: database, secrets: secondFactorSecrets });
  return {
    config,
    db: database,
    /** Letters kept encrypted until printed or expired; the key is a file beside the token secret. */
    letters,
    /** The authenticator apps' secrets, kept encrypted; the key is a file beside the token secret. */
    secondFactorSecrets,
    now,
    hash: createHasher(loadOrCreateSecret(config.secretPath, { name: 'token secret file', holds: 'participant tokens', stored: () => participants.hasAny() })),
    surveys: registry,
    /** Study definitions; a study without one gets defaults from its database row. */
    definitions: definitions ?? loadStudyDefinitions(config.studiesDir, registry),
    appCatalogs: createAppCatalogs(config.localesDir),
    studies: createStudiesRepository({ db: database }),
    participants,
    responses: createResponsesRepository({ db: database }),
    writes: createWriteQueue(database.$client),
    tokenAttempts: new AttemptLimiter(
      { failures: config.tokenAttemptLimit, anonymousStarts: config.anonymousStartLimit, kioskFactor: 10, windowMs: config.tokenAttemptWindowMs },
      () => now().getTime(),
    ),
  };
}

export type Services = ReturnType<typeof createServices>;

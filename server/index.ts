import { buildApp } from './app.ts';
import { accountLinkUrl, createSetupLink } from './auth/accounts.service.ts';
import type { CommandContext } from './command-line.ts';
import { describeDemo, ensureDemoAdmin, seedDemo } from './demo/seed.ts';
import { followSavedTranslations } from './i18n/saved-translations.ts';
import { followPublishedVersions } from './surveys/registry.ts';

/**
 * On a fresh install (no account yet) the first admin is made in the browser with a one-time link
 * that only the operator sees: it is printed here, on the console, never logged or served.
 */
async function printSetupLink(services: Parameters<typeof createSetupLink>[0], address: string): Promise<void> {
  const link = await createSetupLink(services);
  if (!link) return;
  process.stdout.write(
    `\nNo account exists yet. To create the first admin, open this link within ${Math.round((link.expiresAt.getTime() - services.now().getTime()) / 60000)} minutes (it works once;\n` +
      `restarting the server makes a new one):\n\n  ${accountLinkUrl(address, 'setup', link.code)}\n\n`,
  );
}

/** `wavepanel serve [--demo]`: listen until SIGTERM or SIGINT, then close cleanly. */
export async function run(args: string[], { config }: CommandContext): Promise<number> {
  const app = await buildApp({ config });
  if (args.includes('--demo')) {
    const { tokens } = await seedDemo(app.services);
    const admin = await ensureDemoAdmin(app.services);
    const address = await app.listen({ host: config.host, port: config.port });
    process.stdout.write(`\n${describeDemo(tokens, address, admin)}\n\n`);
  } else {
    const address = await app.listen({ host: config.host, port: config.port });
    await printSetupLink(app.services, address);
  }
  const stopFollowingSurveys = followPublishedVersions(app.services.surveys, { intervalMs: config.surveyPollMs, log: app.log });
  const stopFollowingTranslations = followSavedTranslations(app.services.translations.saved, { intervalMs: config.surveyPollMs, log: app.log });
  const stop = async () => {
    stopFollowingSurveys();
    stopFollowingTranslations();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return new Promise<number>(() => {});
}

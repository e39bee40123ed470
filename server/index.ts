import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { describeDemo, ensureDemoAdmin, seedDemo } from './demo/seed.ts';

/** `wavepanel serve [--demo]`: listen until SIGTERM or SIGINT, then close cleanly. */
export async function run(args: string[], config: Config): Promise<number> {
  const app = await buildApp({ config });
  if (args.includes('--demo')) {
    const { tokens } = seedDemo(app.services);
    const admin = await ensureDemoAdmin(app.services);
    const address = await app.listen({ host: config.host, port: config.port });
    process.stdout.write(`\n${describeDemo(tokens, address, admin)}\n\n`);
  } else {
    await app.listen({ host: config.host, port: config.port });
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return new Promise<number>(() => {});
}

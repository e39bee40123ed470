import { defineConfig } from 'drizzle-kit';

/** PostgreSQL (`DATABASE_URL=postgres://…`); the SQLite schema and migrations are in drizzle.config.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.pg.ts',
  out: './migrations/pg',
});

import { desc, eq } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { auditLog, users } from '../db/schema.pg.ts';
import { auditConditions, createAuditRepository, type AuditRepository } from './audit.repository.ts';

/** The audit log on PostgreSQL; the same contract as the SQLite one in audit.repository.ts. */
export function createAuditPgRepository({ db }: { db: PgDb }): AuditRepository {
  return {
    async insert(row) {
      await db.insert(auditLog).values(row);
    },
    async list(filter) {
      const rows = await db
        .select({ id: auditLog.id, at: auditLog.at, userId: auditLog.userId, username: users.username, action: auditLog.action, studyId: auditLog.studyId, detail: auditLog.detail })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(auditConditions(auditLog, filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
  };
}

export const auditRepositoryFor = (database: Database): AuditRepository => forDialect(database, { sqlite: createAuditRepository, postgres: createAuditPgRepository });

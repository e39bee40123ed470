import { and, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { auditLog, users } from '../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  id: number;
  at: Date;
  userId: number | null;
  username: string | null;
  action: string;
  studyId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  studyId?: string | undefined;
  action?: string | undefined;
  userId?: number | null | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export function createAuditRepository({ db }: { db: Db }) {
  return {
    async insert(row: typeof auditLog.$inferInsert): Promise<void> {
      db.insert(auditLog).values(row).run();
    },
    /** Newest first; `before` pages back by id; `from` is inclusive, `to` exclusive; `userId` null is the command line. */
    async list(filter: AuditFilter & { before?: number | undefined; limit: number }): Promise<AuditEntry[]> {
      const conditions: SQL[] = [];
      if (filter.studyId) conditions.push(eq(auditLog.studyId, filter.studyId));
      if (filter.action) conditions.push(eq(auditLog.action, filter.action));
      if (filter.userId !== undefined) conditions.push(filter.userId === null ? isNull(auditLog.userId) : eq(auditLog.userId, filter.userId));
      if (filter.from) conditions.push(gte(auditLog.at, filter.from));
      if (filter.to) conditions.push(lt(auditLog.at, filter.to));
      if (filter.before) conditions.push(lt(auditLog.id, filter.before));
      return db
        .select({ id: auditLog.id, at: auditLog.at, userId: auditLog.userId, username: users.username, action: auditLog.action, studyId: auditLog.studyId, detail: auditLog.detail })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .all()
        .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
  };
}

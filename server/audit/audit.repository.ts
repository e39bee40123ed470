import { and, desc, eq, gte, isNull, lt, type Column, type SQL } from 'drizzle-orm';
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

export type AuditPage = AuditFilter & { before?: number | undefined; limit: number };

/** The conditions of a filtered page, for either dialect's table (the columns are named alike). */
export function auditConditions(table: { studyId: Column; action: Column; userId: Column; at: Column; id: Column }, filter: AuditPage): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.studyId) conditions.push(eq(table.studyId, filter.studyId));
  if (filter.action) conditions.push(eq(table.action, filter.action));
  if (filter.userId !== undefined) conditions.push(filter.userId === null ? isNull(table.userId) : eq(table.userId, filter.userId));
  if (filter.from) conditions.push(gte(table.at, filter.from));
  if (filter.to) conditions.push(lt(table.at, filter.to));
  if (filter.before) conditions.push(lt(table.id, filter.before));
  return conditions.length ? and(...conditions) : undefined;
}

/** The audit log on SQLite; the PostgreSQL twin is audit.repository.pg.ts. */
export function createAuditRepository({ db }: { db: Db }) {
  return {
    async insert(row: typeof auditLog.$inferInsert): Promise<void> {
      db.insert(auditLog).values(row).run();
    },
    /** Newest first; `before` pages back by id; `from` is inclusive, `to` exclusive; `userId` null is the command line. */
    async list(filter: AuditPage): Promise<AuditEntry[]> {
      return db
        .select({ id: auditLog.id, at: auditLog.at, userId: auditLog.userId, username: users.username, action: auditLog.action, studyId: auditLog.studyId, detail: auditLog.detail })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(auditConditions(auditLog, filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .all()
        .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
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

export function createAuditRepository({ db }: { db: Db }) {
  return {
    insert(row: typeof auditLog.$inferInsert): void {
      db.insert(auditLog).values(row).run();
    },
    /** Newest first; `before` pages back by id. */
    list(filter: { studyId?: string | undefined; action?: string | undefined; before?: number | undefined; limit: number }): AuditEntry[] {
      const conditions: SQL[] = [];
      if (filter.studyId) conditions.push(eq(auditLog.studyId, filter.studyId));
      if (filter.action) conditions.push(eq(auditLog.action, filter.action));
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

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Db } from '../../server/db/connection.ts';
import type { Database } from '../../server/db/database.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { exportsRepositoryFor } from '../../server/exports/exports.repository.pg.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import { pageSize } from '../../server/fieldwork/fieldwork.repository.ts';
import { fieldworkRepositoryFor } from '../../server/fieldwork/fieldwork.repository.pg.ts';
import { fieldworkOf, reminderList } from '../../server/fieldwork/fieldwork.service.ts';
import { reportMarkdown } from '../../server/reports/report-markdown.ts';
import { reportTexts } from '../../server/reports/report-texts.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import { bundledDefinitions, collector, tempDatabase } from '../exports/helpers.ts';
import { fixtureSurveys, generatePanel } from '../fixtures/exports/panel-generator.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

/**
 * The read side (exports, report, fieldwork) gives the same answers on every dialect: one seeded
 * SQLite file is copied row for row (ids kept) into a fresh database of each dialect, and what
 * each gives is compared with what the seeded file gives.
 */

const tables = ['studies', 'waves', 'participants', 'registerData', 'responses'] as const;
const now = () => new Date('2026-07-15T12:00:00Z');
const anonymousCount = 620;

let seeded: { db: Db; cleanup: () => void };

before(async () => {
  seeded = tempDatabase();
  const { db } = seeded;
  await generatePanel({ dialect: 'sqlite', db }, { participants: 130, seed: 18 });
  const at = new Date('2026-05-01T10:00:00Z');
  db.insert(sqliteSchema.studies).values({ id: 'eaa-cross', name: 'One-off', kind: 'cross', createdAt: at }).run();
  const wave = db.insert(sqliteSchema.waves).values({ studyId: 'eaa-cross', code: 'X', surveyId: 'eaa-panel', surveyVersion: 1, opensAt: at, closesAt: new Date('2026-09-01') }).returning().get();
  for (let i = 0; i < anonymousCount; i++) {
    const answers = { consent: true, birth_country: i % 3 ? 'NL' : 'SY', health: 1 + (i % 10) };
    db.insert(sqliteSchema.responses)
      .values({ id: randomBytes(8).toString('hex'), studyId: 'eaa-cross', waveId: wave.id, participantId: null, surveyId: 'eaa-panel', surveyVersion: 1, locale: 'nl', channel: 'kiosk', answers: JSON.stringify(answers), startedAt: at, updatedAt: at, completedAt: i % 4 ? at : null, test: i % 50 === 0 })
      .run();
  }
});
after(() => seeded.cleanup());

/** `rows` into `table` of `database`, 500 to a statement. */
async function insertRows(database: Database, table: (typeof tables)[number], rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (database.dialect === 'postgres') await database.db.insert(pgSchema[table]).values(chunk as never[]);
    else database.db.insert(sqliteSchema[table]).values(chunk as never[]).run();
  }
}

/** Every row of the read side's tables, from the seeded file into `database`, ids as they are. */
async function copySeeded(database: Database): Promise<void> {
  for (const table of tables) await insertRows(database, table, seeded.db.select().from(sqliteSchema[table]).all());
}

const seededDatabase = (): Database => ({ dialect: 'sqlite', db: seeded.db });

async function exported(database: Database, studyId: string, format: ExportFormat): Promise<string> {
  const { out, text } = collector();
  await writeExport({ database, surveys: fixtureSurveys(), definitions: bundledDefinitions(), studyId, format, out, actor: commandLine });
  return text();
}

const report = async (database: Database, studyId: string) =>
  reportMarkdown(await panelReport({ database, definitions: bundledDefinitions(), studyId, minCellSize: 10, actor: commandLine, language: 'en', now }), reportTexts('en'));

const fieldworkDeps = (database: Database) => ({ database, definitions: bundledDefinitions(), surveys: fixtureSurveys(), config: { minCellSize: 5 }, now });

for (const dialect of dialects) {
  describe(`the read side on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    before(() => copySeeded(test.database));

    it('exports the panel wide and long, and the one-off study, as the seeded file does', async () => {
      for (const [studyId, format] of [['eaa', 'wide'], ['eaa', 'long'], ['eaa-cross', 'long'], ['eaa', 'codebook']] as const) {
        const expected = await exported(seededDatabase(), studyId, format);
        assert.equal(await exported(test.database, studyId, format), expected, `${studyId} ${format}`);
      }
    });

    it('reports the panel and the one-off study as the seeded file does', async () => {
      for (const studyId of ['eaa', 'eaa-cross']) assert.equal(await report(test.database, studyId), await report(seededDatabase(), studyId), studyId);
    });

    it('gives the fieldwork figures and the reminder list the seeded file gives', async () => {
      for (const studyId of ['eaa', 'eaa-cross']) {
        assert.deepEqual(await fieldworkOf(fieldworkDeps(test.database), studyId, 'en'), await fieldworkOf(fieldworkDeps(seededDatabase()), studyId, 'en'), studyId);
      }
      const expected = await reminderList(fieldworkDeps(seededDatabase()), { studyId: 'eaa', actor: commandLine });
      assert.ok(expected.count > 0);
      assert.deepEqual(await reminderList(fieldworkDeps(test.database), { studyId: 'eaa', actor: commandLine }), expected);
    });

    it('pages anonymous responses by id, leaving pilot responses out', async () => {
      const repo = exportsRepositoryFor(test.database);
      const first = await repo.anonymousPage('eaa-cross', '', 500);
      const rest = await repo.anonymousPage('eaa-cross', first.at(-1)!.id, 500);
      const ids = [...first, ...rest].map((r) => r.id);
      assert.equal(ids.length, anonymousCount - Math.ceil(anonymousCount / 50));
      assert.deepEqual(ids, [...ids].sort(), 'in byte order of their ids');
      assert.equal((await fieldworkRepositoryFor(test.database).responsesOf('eaa-cross')).length, ids.length);
    });

    it('reads the fieldwork of a study larger than one page: every participant and response once, in id order', async () => {
      const at = new Date('2026-05-01T10:00:00Z');
      const n = Array.from({ length: pageSize + 1 }, (_, i) => i);
      const label = (i: number) => `PAGED-${String(i).padStart(5, '0')}`;
      await insertRows(test.database, 'studies', [{ id: 'paged', name: 'Paged', kind: 'panel', createdAt: at }]);
      await insertRows(test.database, 'waves', [{ id: 900, studyId: 'paged', code: 'T0', surveyId: 'eaa-panel', surveyVersion: 1, opensAt: at, closesAt: at }]);
      await insertRows(test.database, 'participants', n.map((i) => ({ id: 100_000 + i, studyId: 'paged', pseudonym: label(i), tokenHash: label(i), createdAt: at })));
      await insertRows(
        test.database,
        'responses',
        n.map((i) => ({ id: label(i), studyId: 'paged', waveId: 900, participantId: 100_000 + i, surveyId: 'eaa-panel', surveyVersion: 1, locale: 'nl', channel: 'web', startedAt: at, updatedAt: at })),
      );
      const repo = fieldworkRepositoryFor(test.database);
      assert.deepEqual((await repo.participantsOf('paged')).map((p) => p.pseudonym), n.map(label));
      assert.deepEqual((await repo.responsesOf('paged')).map((r) => r.participantId), n.map((i) => 100_000 + i));
    });

    it('finds nothing for a study that does not exist', async () => {
      const repo = exportsRepositoryFor(test.database);
      assert.equal(await repo.study('nope'), undefined);
      assert.deepEqual(await repo.waves('nope'), []);
      assert.deepEqual(await fieldworkRepositoryFor(test.database).participantsOf('nope'), []);
      await assert.rejects(() => exported(test.database, 'nope', 'wide'), { code: 'study_not_found' });
    });
  });
}

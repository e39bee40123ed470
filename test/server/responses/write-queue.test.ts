import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createWriteQueue } from '../../../server/responses/write-queue.ts';
import { tempDir } from '../../helpers/app.ts';

function openTemp(sync: 'NORMAL' | 'FULL') {
  const dir = tempDir('wavepanel-write-queue-');
  const file = path.join(dir, 'queue.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${sync}`);
  sqlite.exec('CREATE TABLE items (name TEXT PRIMARY KEY)');
  /** Another connection, as another process would read: it sees committed rows only. */
  const reader = new Database(file, { readonly: true });
  const insert = sqlite.prepare('INSERT INTO items (name) VALUES (?)');
  const namesIn = (db: Database.Database) => (db.prepare('SELECT name FROM items ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  return {
    sqlite,
    insert: (name: string) => insert.run(name).changes,
    names: () => namesIn(sqlite),
    committedNames: () => namesIn(reader),
    close: () => {
      reader.close();
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const sync of ['NORMAL', 'FULL'] as const) {
  describe(`the write queue (synchronous=${sync})`, () => {
    it('commits work queued in the same turn of the event loop in one transaction, and answers each piece with its own result', async () => {
      const db = openTemp(sync);
      try {
        const queue = createWriteQueue(db.sqlite);
        const committedBefore: string[][] = [];
        const results = await Promise.all(
          ['a', 'b', 'c'].map((name) =>
            queue.run(() => {
              committedBefore.push(db.committedNames());
              return `${name}:${db.insert(name)}`;
            }),
          ),
        );
        assert.deepEqual(results, ['a:1', 'b:1', 'c:1']);
        assert.deepEqual(committedBefore, [[], [], []], 'no piece was committed before the last one ran');
        assert.deepEqual(db.committedNames(), ['a', 'b', 'c']);
      } finally {
        db.close();
      }
    });

    it('a refused piece is undone alone: the others in its batch are stored', async () => {
      const db = openTemp(sync);
      try {
        const queue = createWriteQueue(db.sqlite);
        const outcomes = await Promise.allSettled([
          queue.run(() => db.insert('a')),
          queue.run(() => {
            db.insert('half-done');
            throw new Error('refused');
          }),
          queue.run(() => db.insert('a')),
          queue.run(() => db.insert('b')),
        ]);
        assert.deepEqual(
          outcomes.map((o) => o.status),
          ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
        );
        assert.match(String((outcomes[2] as PromiseRejectedResult).reason), /UNIQUE/);
        assert.deepEqual(db.committedNames(), ['a', 'b']);
      } finally {
        db.close();
      }
    });

    it('a later piece in the batch sees what an earlier one wrote, as it would one after another', async () => {
      const db = openTemp(sync);
      try {
        const queue = createWriteQueue(db.sqlite);
        const [, count] = await Promise.all([
          queue.run(() => db.insert('a')),
          queue.run(() => db.names().length),
        ]);
        assert.equal(count, 1);
      } finally {
        db.close();
      }
    });
  });
}

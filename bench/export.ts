/**
 * Issue 5's benchmark: the wide CSV export of a generated study of 100,000 responses (about
 * 33,334 participants × 3 waves), timed with its peak memory, beside a bare better-sqlite3 scan of
 * the same rows in the same run. `npm run bench -- export`; `BENCH_EXPORT_RESPONSES=N` for another size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { commandLine } from '../server/audit/audit.service.ts';
import { openDatabase } from '../server/db/connection.ts';
import { writeExport } from '../server/exports/exports.service.ts';
import { bundledDefinitions, onSqlite } from '../test/exports/helpers.ts';
import { fixtureSurveys, generatePanel } from '../test/fixtures/exports/panel-generator.ts';
import { printHeading } from './lib/report.ts';

const responses = Number(process.env.BENCH_EXPORT_RESPONSES ?? 100_000);
const participants = Math.ceil(responses / 3);

interface Peak {
  rss: number;
  heap: number;
}

function sampler(): { sample: () => void; peak: Peak } {
  const peak: Peak = { rss: 0, heap: 0 };
  return {
    peak,
    sample: () => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heap = Math.max(peak.heap, m.heapUsed);
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Peak live heap (after a collection) above the start while exporting, sampled every 16 chunks: flat means streamed. */
async function liveHeapOfExport(run: (out: Writable) => Promise<void>): Promise<number> {
  gc();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  let chunks = 0;
  await run(
    new Writable({
      write(_chunk, _encoding, callback) {
        if (++chunks % 16 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        callback();
      },
    }),
  );
  return peak - start;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-bench-export-'));
try {
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const generationStart = performance.now();
  await generatePanel({ dialect: 'sqlite', db }, { participants, seed: 1, response: { T1: 1, T2: 1 } });
  const rows = db.$client.prepare('SELECT count(*) AS n FROM responses').get() as { n: number };
  const generationSeconds = (performance.now() - generationStart) / 1000;
  const surveys = fixtureSurveys();

  printHeading('Wide export of a generated study', [
    `responses: ${rows.n.toLocaleString('en-US')} of ${participants.toLocaleString('en-US')} participants (generated in ${generationSeconds.toFixed(1)} s)`,
  ]);

  gc();
  const scanMemory = sampler();
  const baseline = process.memoryUsage();
  const scanStart = performance.now();
  let scanned = 0;
  let scannedBytes = 0;
  for (const row of db.$client.prepare('SELECT * FROM responses WHERE study_id = ? ORDER BY participant_id').iterate('eaa') as IterableIterator<{ answers: string }>) {
    scanned++;
    scannedBytes += row.answers.length;
    if (scanned % 1000 === 0) scanMemory.sample();
  }
  const scanSeconds = (performance.now() - scanStart) / 1000;

  gc();
  const exportMemory = sampler();
  const exportBaseline = process.memoryUsage();
  let written = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      exportMemory.sample();
      callback();
    },
  });
  const exportStart = performance.now();
  await writeExport({ ...onSqlite(db), surveys, definitions: bundledDefinitions(), studyId: 'eaa', format: 'wide', out: sink, actor: commandLine });
  const exportSeconds = (performance.now() - exportStart) / 1000;

  const liveHeap = await liveHeapOfExport((out) => writeExport({ ...onSqlite(db), surveys, definitions: bundledDefinitions(), studyId: 'eaa', format: 'wide', out, actor: commandLine }));

  const table = [
    ['scenario', 'rows', 'seconds', 'rows/s', 'peak heap above start', 'peak RSS'],
    ['bare SQLite scan (better-sqlite3 iterate)', String(scanned), scanSeconds.toFixed(2), Math.round(scanned / scanSeconds).toLocaleString('en-US'), mb(scanMemory.peak.heap - baseline.heapUsed), mb(scanMemory.peak.rss)],
    ['wavepanel wide CSV export', String(scanned), exportSeconds.toFixed(2), Math.round(scanned / exportSeconds).toLocaleString('en-US'), mb(exportMemory.peak.heap - exportBaseline.heapUsed), mb(exportMemory.peak.rss)],
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const [i, row] of table.entries()) {
    console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('');
  console.log(`export / scan time: ${(exportSeconds / scanSeconds).toFixed(1)}× (scan read ${mb(scannedBytes)} of answers; export wrote ${mb(written)} of CSV)`);
  console.log(`live heap of the export (after collections, in a second run): at most ${mb(liveHeap)} above its start; "peak heap" above includes garbage not yet collected`);
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

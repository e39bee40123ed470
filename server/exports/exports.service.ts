import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { latestBackground, type Answers, type RegisterRecord } from '../classification/derived-variables.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SurveyJson } from '../surveys/definition.ts';
import type { StudyDefinitions, Study } from '../studies/study-registry.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import { yieldingEvery } from '../shared/event-loop.ts';
import { byteOrderMark, csvLine, excelNlDialect, standardDialect, type CsvDialect } from '../shared/csv.ts';
import type { ResponseRow, StudyRow } from './exports.repository.ts';
import { exportsRepositoryFor } from './exports.repository.pg.ts';
import { codebookCsv, codebookMarkdown } from './codebook.ts';
import { rScript } from './r-script.ts';
import { spssSyntax, unusableColumnNames } from './spss.ts';
import { buildCatalogue, columnsOf, type Catalogue, type Cell, type Lang, type Layout, type ResponseRecord, type SurveyInput } from './variables.ts';

export interface StudyCatalogue {
  study: StudyRow;
  definition: Study;
  catalogue: Catalogue;
}

/** The catalogue of a study: its waves and every survey version its waves use or its responses were given with. */
export async function loadCatalogue({ database, surveys, definitions, studyId }: { database: Database; surveys: SurveyRegistry; definitions: StudyDefinitions; studyId: string }): Promise<StudyCatalogue> {
  const repo = exportsRepositoryFor(database);
  const study = await repo.study(studyId);
  if (!study) throw new AppError('study_not_found', `Study ${studyId} does not exist.`);
  const definition = await definitions.of(study);
  const waves = await repo.waves(studyId);
  const used = await repo.surveyVersionsUsed(studyId);
  const inputs: SurveyInput[] = [];
  for (const wave of waves) {
    const refs = new Map<string, { surveyId: string; version: number }>();
    for (const ref of [{ surveyId: wave.surveyId, version: wave.surveyVersion }, ...used.filter((u) => u.waveId === wave.id).map((u) => ({ surveyId: u.surveyId, version: u.surveyVersion }))]) {
      refs.set(`${ref.surveyId}@${ref.version}`, ref);
    }
    const sorted = [...refs.values()].sort((a, b) => a.surveyId.localeCompare(b.surveyId) || a.version - b.version);
    for (const { surveyId, version } of sorted) {
      const survey = await surveys.find(surveyId, version);
      if (!survey) throw new AppError('survey_not_found', `Survey ${surveyId} version ${version} of wave ${wave.code} is not installed.`);
      const english = JSON.parse(surveys.localize(survey, 'en').body) as SurveyJson;
      inputs.push({ wave: wave.code, surveyId, version, definition: survey.definition, english });
    }
  }
  return { study, definition, catalogue: buildCatalogue(waves.map((w) => w.code), inputs, definition) };
}

/** One participant (or one anonymous response) with every response classified. */
export interface PanelUnit {
  pseudonym: string | null;
  register: RegisterRecord | null;
  /** In wave order. */
  responses: ResponseRecord[];
}

const pageSize = 500;
/**
 * Units read and used (written to an export, counted into a report) between two turns of the
 * event loop: a few milliseconds of work (100 took 20-60 ms in the wide export on a busy machine).
 */
const unitsPerTurn = 25;

function parseAnswers(text: string): Answers {
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers) : {};
}

/**
 * Every participant with their responses, derived variables computed with the latest background
 * across their waves, then every anonymous response; read a page at a time, letting other requests
 * in every few units (the exports, the report and the fieldwork figures all read through here).
 */
export function readPanel(request: { database: Database; studyId: string; definition: Study }): AsyncGenerator<PanelUnit> {
  return yieldingEvery(panelUnits(request), unitsPerTurn);
}

async function* panelUnits({ database, studyId, definition }: { database: Database; studyId: string; definition: Study }): AsyncGenerator<PanelUnit> {
  const repo = exportsRepositoryFor(database);
  const participantAnswers = definition.definition.participantAnswers ?? [];
  const waves = await repo.waves(studyId);
  const waveIds = waves.map((w) => w.id);
  const waveCode = new Map(waves.map((w) => [w.id, w.code]));
  const waveOrder = new Map(waves.map((w, i) => [w.id, i]));
  const toUnit = (pseudonym: string | null, register: RegisterRecord | null, rows: ResponseRow[]): PanelUnit => {
    const ordered = [...rows].sort((a, b) => (waveOrder.get(a.waveId) ?? 0) - (waveOrder.get(b.waveId) ?? 0));
    const answers = ordered.map((r) => parseAnswers(r.answers));
    const background = latestBackground(answers, participantAnswers);
    return {
      pseudonym,
      register,
      responses: ordered.map((r, i) => ({
        pseudonym,
        wave: waveCode.get(r.waveId) ?? String(r.waveId),
        surveyId: r.surveyId,
        surveyVersion: r.surveyVersion,
        locale: r.locale,
        channel: r.channel,
        startedAt: r.startedAt,
        completedAt: r.completedAt,
        answers: answers[i]!,
        derived: definition.derive(answers[i]!, register, background),
        register,
      })),
    };
  };

  let after = 0;
  for (;;) {
    const page = await repo.participantPage(studyId, waveIds, after, pageSize);
    if (page.length === 0) break;
    const first = page[0]!.id;
    const last = page.at(-1)!.id;
    const byParticipant = new Map<number, ResponseRow[]>();
    for (const row of await repo.responsesOfParticipants(waveIds, first, last)) {
      const list = byParticipant.get(row.participantId!) ?? [];
      list.push(row);
      byParticipant.set(row.participantId!, list);
    }
    for (const p of page) yield toUnit(p.pseudonym, p.register, byParticipant.get(p.id) ?? []);
    after = last;
  }

  let afterResponse = '';
  for (;;) {
    const page = await repo.anonymousPage(studyId, afterResponse, pageSize);
    if (page.length === 0) break;
    for (const row of page) yield toUnit(null, null, [row]);
    afterResponse = page.at(-1)!.id;
  }
}

/** The rows of a layout: one per response (long) or one per participant (wide). */
export async function* exportRows(catalogue: Catalogue, layout: Layout, units: AsyncIterable<PanelUnit>): AsyncGenerator<Cell[]> {
  const columns = columnsOf(catalogue, layout);
  for await (const unit of units) {
    if (layout === 'long') {
      for (const response of unit.responses) yield columns.map((c) => c.variable.read(response));
      continue;
    }
    const byWave = new Map(unit.responses.map((r) => [r.wave, r]));
    const any = unit.responses[0];
    if (!any) continue;
    yield columns.map((c) => {
      if (c.wave === null) return c.variable.read(any);
      const response = byWave.get(c.wave);
      return response ? c.variable.read(response) : null;
    });
  }
}

/** Waits until the destination takes more; fails when it was closed first (a download cancelled). */
async function drained(out: Writable): Promise<void> {
  const closed = () => new Error('The destination of the export was closed before the end.');
  // Closed while the export was between chunks: its 'close' has been and gone.
  if (out.destroyed) throw closed();
  const controller = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: controller.signal }),
      once(out, 'close', { signal: controller.signal }).then(() => {
        throw closed();
      }),
    ]);
  } finally {
    controller.abort();
  }
}

/** Writes text chunks, waiting whenever the destination asks to (backpressure). */
export async function writeChunks(out: Writable, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= 64 * 1024) {
      if (!out.write(buffer)) await drained(out);
      buffer = '';
    }
  }
  if (buffer !== '' && !out.write(buffer)) await drained(out);
}

async function* csvChunks(catalogue: Catalogue, layout: Layout, units: AsyncIterable<PanelUnit>, dialect: CsvDialect, bom: boolean): AsyncGenerator<string> {
  const columns = columnsOf(catalogue, layout);
  yield (bom ? byteOrderMark : '') + csvLine(columns.map((c) => c.name), dialect);
  for await (const row of exportRows(catalogue, layout, units)) yield csvLine(row, dialect);
}

export const exportFormats = ['long', 'wide', 'codebook', 'codebook-csv', 'sps', 'r', 'sav'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

export const exportMediaTypes: Record<ExportFormat, { type: string; extension: string }> = {
  long: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  wide: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  codebook: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  'codebook-csv': { type: 'text/csv; charset=utf-8', extension: 'csv' },
  sps: { type: 'text/plain; charset=utf-8', extension: 'sps' },
  r: { type: 'text/plain; charset=utf-8', extension: 'R' },
  sav: { type: 'application/x-spss-sav', extension: 'sav' },
};

export interface ExportRequest {
  database: Database;
  surveys: SurveyRegistry;
  definitions: StudyDefinitions;
  studyId: string;
  format: ExportFormat;
  /** Rows of the data the codebook, syntax and `.sav` describe: one per participant (wide) or per response (long). */
  layout?: Layout;
  out: Writable;
  excelNl?: boolean;
  lang?: Lang;
  /** The CSV file name the SPSS and R syntax read. */
  dataFile?: string;
  /** Who asked: a signed-in researcher, or the operator at the command line. */
  actor: Actor;
  now?: () => Date;
}

/** The file name an export is offered under. */
export function exportFileName(studyId: string, format: ExportFormat, layout: Layout = 'wide'): string {
  const base = format === 'long' || format === 'wide' ? `${studyId}-${format}` : format.startsWith('codebook') ? `${studyId}-${layout}-codebook` : `${studyId}-${layout}`;
  return `${base}.${exportMediaTypes[format].extension}`;
}

export interface PreparedExport {
  /** Streams the export to `out` (which is not ended). */
  run(out: Writable): Promise<void>;
}

/**
 * Checks and audits one export of a study before a byte is written, so that an HTTP route can
 * still answer with a JSON error; `run` then streams it. The data formats stream page by page;
 * the codebook and syntax are small and written from the catalogue.
 */
export async function prepareExport(request: Omit<ExportRequest, 'out'>): Promise<PreparedExport> {
  const { database, surveys, definitions, studyId, format, layout = format === 'long' ? 'long' : 'wide', lang = 'nl', actor, now = () => new Date() } = request;
  const { study, definition, catalogue } = await loadCatalogue({ database, surveys, definitions, studyId });
  if (format === 'sav' && !psppAvailable()) throw new AppError('unprocessable', 'GNU PSPP is not installed here; export the CSV and the .sps syntax instead.');
  if (format === 'sps' || format === 'r' || format === 'sav') {
    const unusable = unusableColumnNames(catalogue, layout);
    if (unusable.length > 0) throw new AppError('unprocessable', `These columns cannot be variable names in SPSS or R: ${unusable.join('; ')}. Publish a survey version with valid question names.`);
  }
  const dataFile = request.dataFile ?? exportFileName(studyId, layout);
  // The .sav is built whole before anything is sent, so that a failure still gets a JSON error.
  const sav = format === 'sav' ? await buildSav({ database, studyId, definition, catalogue, layout, lang }) : undefined;
  await recordAudit({ database, now, ...actor, action: 'export', studyId, detail: { format, layout, excelNl: request.excelNl === true } });
  return {
    async run(out) {
      switch (format) {
        case 'long':
        case 'wide': {
          const excelNl = request.excelNl === true;
          return writeChunks(out, csvChunks(catalogue, format, readPanel({ database, studyId, definition }), excelNl ? excelNlDialect : standardDialect, excelNl));
        }
        case 'codebook':
          return writeChunks(out, codebookMarkdown(catalogue, layout, study.name));
        case 'codebook-csv':
          return writeChunks(out, codebookCsv(catalogue, layout));
        case 'sps':
          return writeChunks(out, spssSyntax(catalogue, layout, { dataFile, lang }));
        case 'r':
          return writeChunks(out, rScript(catalogue, layout, { dataFile, lang }));
        case 'sav':
          return sav!.stream(out);
      }
    },
  };
}

/** Writes one export of a study to `out` (not ended) and records it in the audit log. */
export async function writeExport({ out, ...request }: ExportRequest): Promise<void> {
  await (await prepareExport(request)).run(out);
}

export const psppCommand = process.env.WAVEPANEL_PSPP ?? 'pspp';

let psppFound: boolean | undefined;

/** Whether GNU PSPP runs here; asked once per process. */
export function psppAvailable(): boolean {
  psppFound ??= spawnSync(psppCommand, ['--version'], { stdio: 'ignore' }).status === 0;
  return psppFound;
}

/**
 * Runs the SPSS syntax with GNU PSPP on the CSV export in a private temporary folder (mode 0700,
 * also PSPP's working and home folder) with `--safer` (no HOST command, no file erasing) and
 * keeps the `.sav` there until `stream` sends it and removes the folder.
 */
async function buildSav({ database, studyId, definition, catalogue, layout, lang }: { database: Database; studyId: string; definition: Study; catalogue: Catalogue; layout: Layout; lang: Lang }): Promise<{ stream: (out: Writable) => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-sav-'));
  const savFile = path.join(dir, 'data.sav');
  try {
    const csvFile = path.join(dir, 'data.csv');
    const syntaxFile = path.join(dir, 'data.sps');
    const csv = fs.createWriteStream(csvFile, { mode: 0o600 });
    await writeChunks(csv, csvChunks(catalogue, layout, readPanel({ database, studyId, definition }), standardDialect, false));
    csv.end();
    await once(csv, 'close');
    fs.writeFileSync(syntaxFile, [...spssSyntax(catalogue, layout, { dataFile: csvFile, lang, saveAs: savFile })].join(''), { mode: 0o600 });
    // Run asynchronously: PSPP on a large study takes seconds, and the server keeps serving meanwhile.
    const pspp = spawn(psppCommand, ['--safer', '-o', path.join(dir, 'output.txt'), syntaxFile], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    pspp.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const [status] = (await once(pspp, 'close')) as [number | null];
    const output = fs.existsSync(path.join(dir, 'output.txt')) ? fs.readFileSync(path.join(dir, 'output.txt'), 'utf8') : '';
    if (status !== 0 || !fs.existsSync(savFile)) {
      throw new AppError('unprocessable', `PSPP could not build the .sav: ${(stderr || output).split('\n').slice(0, 5).join(' ')}`);
    }
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    async stream(out) {
      try {
        for await (const chunk of fs.createReadStream(savFile)) {
          if (!out.write(chunk)) await drained(out);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

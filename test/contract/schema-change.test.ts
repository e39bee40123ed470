import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { projectRoot } from '../../server/config.ts';

/**
 * The client's HTTP types are the contract's (`shared/contract/`): a change to a route's schema
 * that the client does not follow fails `npm run typecheck`. Each row renames a field in a schema,
 * as someone changing a route might; with all of them renamed (to check the client once) the type
 * checker must find an error in each client file that reads one, and none with nothing renamed.
 */
const configFile = ts.readConfigFile(path.join(projectRoot, 'tsconfig.json'), (file) => ts.sys.readFile(file));
const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, projectRoot);

const cache = new Map<string, ts.SourceFile | undefined>();
/** A program of `roots` with `changes` made to files of the project and the files `added` (path → text) beside them. */
function program(changes: { file: string; from: string; to: string }[], roots: string[], old?: ts.Program, added: Record<string, string> = {}): ts.Program {
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (file, language) => {
    const addedHere = Object.keys(added).find((name) => path.join(projectRoot, name) === file);
    if (addedHere) return ts.createSourceFile(file, added[addedHere]!, language);
    const changesHere = changes.filter((c) => path.join(projectRoot, c.file) === file);
    if (changesHere.length) {
      const text = changesHere.reduce((changed, change) => {
        assert.ok(changed.includes(change.from), `${change.file} has ${change.from}`);
        return changed.replace(change.from, change.to);
      }, ts.sys.readFile(file)!);
      return ts.createSourceFile(file, text, language);
    }
    if (!cache.has(file)) cache.set(file, ts.createSourceFile(file, ts.sys.readFile(file) ?? '', language));
    return cache.get(file);
  };
  return ts.createProgram(roots.map((root) => path.join(projectRoot, root)), options, host, old);
}

/** The client files (of those given) the type checker finds an error in. */
const filesWithErrors = (p: ts.Program, files: string[]) =>
  files.filter((file) => p.getSemanticDiagnostics(p.getSourceFile(path.join(projectRoot, file))).some((d) => d.category === ts.DiagnosticCategory.Error));

const rows = [
  { file: 'shared/contract/studies.ts', from: 'archivedAt:', to: 'archivedOn:', client: 'client/researcher/features/studies/StudyPage.tsx' },
  { file: 'shared/contract/respondent.ts', from: 'responseKey:', to: 'key:', client: 'client/shared/survey/RespondentSurvey.tsx' },
  { file: 'shared/contract/report.ts', from: 'unknownLeftOut:', to: 'unknownOmitted:', client: 'client/researcher/features/reports/ReportPage.tsx' },
  { file: 'shared/contract/surveys.ts', from: 'previousVersion:', to: 'comparedWith:', client: 'client/researcher/features/surveys/VersionDiff.tsx' },
  { file: 'shared/contract/translate.ts', from: 'stale: Type.Boolean({', to: 'outdated: Type.Boolean({', client: 'client/translate/TranslatorWorkspace.tsx' },
  { file: 'shared/contract/participants.ts', from: 'hasRegisterData:', to: 'registered:', client: 'client/researcher/features/participants/ParticipantsPage.tsx' },
  { file: 'shared/contract/register.ts', from: 'replacing:', to: 'replaced:', client: 'client/researcher/features/register/RegisterUpload.tsx' },
  { file: 'shared/contract/studies.ts', from: 'path: Type.String({', to: 'pointer: Type.String({', client: 'client/researcher/features/studies/NewStudyFromDefinition.tsx' },
  { file: 'shared/contract/auth.ts', from: 'qrCode:', to: 'qr:', client: 'client/researcher/features/account/SecondFactor.tsx' },
  { file: 'shared/contract/surveys.ts', from: 'LocalizedDefinitionSchema = Type.Record(Type.String(), Type.Unknown(),', to: 'LocalizedDefinitionSchema = Type.Array(Type.Unknown(),', client: 'client/translate/StringPreview.tsx' },
  { file: 'shared/contract/i18n.ts', from: 'CatalogSchema = Type.Record(Type.String(), Type.Unknown(),', to: 'CatalogSchema = Type.Array(Type.String(),', client: 'client/shared/i18n.ts' },
  { file: 'shared/contract/i18n.ts', from: 'recordings: Type.Record(', to: 'files: Type.Record(', client: 'client/shared/survey/recordings.ts' },
  { file: 'shared/contract/respondent.ts', from: 'KioskResetBodySchema = Type.Object({}', to: "KioskResetBodySchema = Type.Object({ kioskId: Type.String() }", client: 'client/kiosk/wipe-device.ts' },
];

test('a schema change the client does not follow is a type error in the client; unchanged, there is none', () => {
  const clients = rows.map((row) => row.client);
  const roots = ['client/vite-env.d.ts', ...clients];
  const unchanged = program([], roots);
  assert.deepEqual(filesWithErrors(unchanged, clients), []);
  assert.deepEqual(filesWithErrors(program(rows, roots, unchanged), clients), clients);
});

/**
 * A page names a route of the contract (`'GET /api/studies/:studyId'`) and the route's schema
 * gives the answer its type: each of these calls, written in a file of the workspace, must be a
 * type error but the first. Naming a type for an address (`api<Study[]>('/api/…')`) is gone.
 */
const calls = {
  'the route and its own type': "export const study: Promise<Study> = api('GET /api/studies/:studyId', { params: { studyId: 'buurt' } });",
  'another type for the route': "export const studies: Promise<Study[]> = api('GET /api/studies/:studyId', { params: { studyId: 'buurt' } });",
  'a type named for an address': "export const studies = api<Study[]>('/api/studies/buurt');",
  'a route the contract does not have': "export const study = api('GET /api/study/:studyId', { params: { studyId: 'buurt' } });",
  'a path parameter left out': "export const study = api('GET /api/studies/:studyId');",
  'a body of another route': "export const found = api('POST /api/studies/:studyId/withdrawals/lookup', { params: { studyId: 'buurt' }, body: { csv: 'pseudonym' } });",
  "a field the answer does not have": "export const deleted = api('POST /api/studies/:studyId/withdrawals', { params: { studyId: 'b' }, body: { token: 't' } }).then((w) => w.deleted);",
};

test('the route a page names gives its answer the type: another type, an unknown route, a missing parameter or a wrong body is a type error', () => {
  const files = Object.keys(calls).map((_, i) => `client/researcher/lib/route-call-${i}.ts`);
  const added = Object.fromEntries(
    Object.values(calls).map((call, i) => [files[i]!, `import type { Study } from '../../../shared/contract/studies.ts';\nimport { api } from './api.ts';\n${call}\n`]),
  );
  const withErrors = filesWithErrors(program([], ['client/vite-env.d.ts', ...files], undefined, added), files);
  assert.deepEqual(
    Object.keys(calls).filter((_, i) => withErrors.includes(files[i]!)),
    Object.keys(calls).slice(1),
  );
});

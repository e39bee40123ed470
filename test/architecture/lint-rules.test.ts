import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../../server/config.ts';

/**
 * `npm run lint` keeps the server's layers: ESLint with the project's own config, on a domain
 * module or a route whose text is replaced by a fixture (the file itself stays as it is, so the
 * type-aware rules still find it in the project).
 */

const domainFile = path.join(projectRoot, 'server', 'disclosure', 'disclosure.ts');
const routeFile = path.join(projectRoot, 'server', 'routes', 'api', 'audit', 'audit.ts');
const eslint = new ESLint({ cwd: projectRoot });

async function problems(text: string, filePath = domainFile): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('a domain module as it is passes the lint (the control for the fixtures below)', async () => {
  assert.deepEqual(await problems(fs.readFileSync(domainFile, 'utf8')), []);
});

test('a domain module that imports a route fails the lint', async () => {
  const found = await problems("import routes from '../routes/api/users/users.ts';\n\nexport const adapters = [routes];\n");
  assert.deepEqual(found, ["no-restricted-imports: '../routes/api/users/users.ts' import is restricted from being used by a pattern. Domain modules do not import HTTP adapters or the demo."]);
});

test('a module that imports one that imports it back fails the lint; a type-only import does not', async () => {
  const found = await problems("import { reportFile } from '../reports/reports.service.ts';\n\nexport const files = [reportFile];\n");
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, /^local\/no-import-cycle: Import cycle: server\/disclosure\/disclosure\.ts -> server\/reports\/reports\.service\.ts -> .*server\/disclosure\/disclosure\.ts\.$/);
  assert.deepEqual(await problems("import type { ReportFormat } from '../reports/reports.service.ts';\n\nexport const formats: ReportFormat[] = [];\n"), []);
});

test('a route that writes the audit log itself fails the lint; the audit route as it is, which reads the log, passes', async () => {
  assert.deepEqual(await problems(fs.readFileSync(routeFile, 'utf8'), routeFile), []);
  const found = await problems("import { recordAudit } from '../../../audit/audit.service.ts';\n\nexport const write = recordAudit;\n", routeFile);
  assert.deepEqual(found, [
    "no-restricted-imports: 'recordAudit' import from '../../../audit/audit.service.ts' is restricted from being used by a pattern. Routes do not write the audit log: the use case they call records its own action.",
  ]);
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../../server/config.ts';

/**
 * The lint rules that keep the contract one contract: the client takes its types only (so the
 * TypeBox runtime never enters a bundle) and never server code; `shared/` imports neither side.
 */
const eslint = new ESLint({ cwd: projectRoot });

async function ruleErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}


test('the client may import a type from the contract', async () => {
  assert.deepEqual(await ruleErrors('client/researcher/lib/example.ts', "import type { Study } from '../../../shared/contract/studies.ts';\nexport type S = Study;\n"), []);
});

test('the client may not import a schema (the TypeBox runtime) from the contract', async () => {
  assert.deepEqual(await ruleErrors('client/shared/example.ts', `import { StudySchema } from '../../shared/contract/studies.ts';\nconsole.log(StudySchema);\n`), ['@typescript-eslint/no-restricted-imports']);
  assert.deepEqual(await ruleErrors('client/researcher/lib/example.ts', "import { Type } from 'typebox';\nconsole.log(Type);\n"), ['@typescript-eslint/no-restricted-imports']);
});

test('shared/ imports neither server nor client code', async () => {
  assert.deepEqual(await ruleErrors('shared/contract/example.ts', "import { locales } from '../../server/surveys/localization.ts';\nconsole.log(locales);\n"), ['no-restricted-imports']);
  assert.deepEqual(await ruleErrors('shared/example.ts', "import { languages } from '../client/shared/languages.ts';\nconsole.log(languages);\n"), ['no-restricted-imports']);
});

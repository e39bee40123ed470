import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { I18nDirs } from '../../server/i18n/i18n.service.ts';
import { fixturesDir, tempDir } from '../helpers/app.ts';

/** A private copy of the i18n fixture (one survey, the app namespace, an English translation). */
export function i18nWorkspace(t: TestContext): I18nDirs & { root: string } {
  const root = tempDir('wavepanel-i18n-');
  cpSync(path.join(fixturesDir, 'i18n'), root, { recursive: true });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return { root, surveysDir: path.join(root, 'surveys'), localesDir: path.join(root, 'locales') };
}

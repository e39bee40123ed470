import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';

export interface LetterTexts {
  title: string;
  greeting: string;
  intro: string;
  scan: string;
  codeLabel: string;
  kiosk: string;
  keep: string;
  lost: string;
  thanks: string;
}

const keys: (keyof LetterTexts)[] = ['title', 'greeting', 'intro', 'scan', 'codeLabel', 'kiosk', 'keep', 'lost', 'thanks'];

const bundledLocales = path.join(projectRoot, 'locales');

function readFile(localesDir: string, language: string): Partial<LetterTexts> | undefined {
  try {
    const app = JSON.parse(fs.readFileSync(path.join(localesDir, language, 'app.json'), 'utf8')) as { letter?: Partial<LetterTexts> };
    return app.letter;
  } catch {
    return undefined;
  }
}

/** From the configured locales folder; from the app's own when that one has no letter texts (a test's fixture folder). */
function readLetter(localesDir: string, language: string): Partial<LetterTexts> {
  return readFile(localesDir, language) ?? readFile(bundledLocales, language) ?? {};
}

/** The `letter.*` strings of `locales/<lang>/app.json`, each falling back to Dutch. */
export function loadLetterTexts(localesDir: string, language: string): LetterTexts {
  const dutch = readLetter(localesDir, 'nl');
  const own = language === 'nl' ? dutch : readLetter(localesDir, language);
  return Object.fromEntries(keys.map((k) => [k, typeof own[k] === 'string' && own[k] ? own[k] : (dutch[k] ?? '')])) as unknown as LetterTexts;
}

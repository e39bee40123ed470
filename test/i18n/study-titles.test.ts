import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeStrings } from '../../server/i18n/catalog.ts';
import { ServedTranslations } from '../../server/i18n/saved-translations.ts';
import { studyTextInEveryLanguage } from '../../server/i18n/study-titles.ts';
import { studyNamespace } from '../../server/studies/study-texts.ts';
import { tempDir } from '../helpers/app.ts';

const definition = { id: 'buurt', title: 'Buurtonderzoek', purpose: 'Hoe woont u?' };

describe('study texts on the respondent pages', () => {
  it('each language gets its translation, and Dutch where there is none', () => {
    const dir = tempDir();
    writeStrings(dir, 'en', studyNamespace('buurt'), { title: 'Neighbourhood survey' });
    const title = studyTextInEveryLanguage(new ServedTranslations(dir), definition, 'title');
    assert.equal(title.nl, 'Buurtonderzoek');
    assert.equal(title.en, 'Neighbourhood survey');
    assert.equal(title.ar, 'Buurtonderzoek');
    assert.equal(studyTextInEveryLanguage(new ServedTranslations(dir), definition, 'purpose').en, 'Hoe woont u?');
  });

  it('a translation saved while the server runs is shown at the next session start', () => {
    const dir = tempDir();
    const translations = new ServedTranslations(dir);
    writeStrings(dir, 'tr', studyNamespace('buurt'), { title: 'Mahalle' });
    assert.equal(studyTextInEveryLanguage(translations, definition, 'title').tr, 'Mahalle');
    writeStrings(dir, 'tr', studyNamespace('buurt'), { title: 'Mahalle anketi' });
    assert.equal(studyTextInEveryLanguage(translations, definition, 'title').tr, 'Mahalle anketi');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LetterTexts } from '../../server/letters/letter-texts.ts';
import { renderLetters } from '../../server/letters/letters.ts';
import { generateToken } from '../../server/tokens/token.ts';

/** Markup in a translation of the letter texts, or in a pseudonym, is printed as text. */

const mark = (where: string) => `<img src=x onerror="alert('${where}')"><script>alert('${where}')</script>"'&`;

function texts(language: string): LetterTexts {
  return {
    title: `Uitnodiging ${mark(`${language}-title`)}`,
    greeting: mark(`${language}-greeting`),
    intro: `Ga naar {{site}} ${mark(`${language}-intro`)}`,
    scan: mark(`${language}-scan`),
    codeLabel: mark(`${language}-code`),
    kiosk: mark(`${language}-kiosk`),
    keep: mark(`${language}-keep`),
    lost: mark(`${language}-lost`),
    thanks: mark(`${language}-thanks`),
  };
}

describe('invitation letters', () => {
  it('print scripts and markup in translations and pseudonyms as text', async () => {
    const html = await renderLetters({
      letters: [
        { participantId: 1, pseudonym: `P-1${mark('pseudonym')}`, language: 'ar', token: generateToken() },
        { participantId: 2, pseudonym: 'P-2', language: 'ti', token: generateToken() },
      ],
      origin: 'https://panel.example',
      textsFor: texts,
    });
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(!/<img/i.test(html), 'no img element');
    assert.ok(!/onerror=/i.test(html.replaceAll('onerror=&quot;', '')), 'no event handler attribute');
    assert.ok(html.includes('&lt;script&gt;alert(&#39;ar-greeting&#39;)&lt;/script&gt;') || html.includes("&lt;script&gt;alert('ar-greeting')&lt;/script&gt;"), 'the text is kept, escaped');
    assert.ok(html.includes('&lt;img src=x onerror='), 'the pseudonym is kept, escaped');
  });
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, saveScreenshot } from '../helpers/browser.ts';
import { answerRadio, appText, goToLastPage, next, startE2eServer, startWithToken, surveyJsText, surveyText, type E2eServer, type Lang } from './support.ts';

/**
 * What a person sees and taps while answering on a phone: whole-row answers, clear outlines and
 * type, a Next that cannot be mistaken for Previous, a consent page that is not "the last page",
 * read-aloud that reads what matters, and Arabic as it should look.
 */

let server: E2eServer;
let browser: Browser;
let participant = 0;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const langs: Lang[] = ['nl', 'ar', 'ti'];
const sizes = [
  { width: 360, height: 740 },
  { width: 320, height: 640 },
];

async function start(context: BrowserContext, lang: Lang): Promise<Page> {
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(++participant), lang);
  return page;
}

/** WCAG contrast ratio of two sRGB colours given as `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

interface Row {
  text: string;
  width: number;
  height: number;
  groupWidth: number;
  outline: string;
  labelFont: number;
  titleFont: number;
}

/** Every answer row of the page: its size, its group's width, its radio or checkbox outline colour and the type sizes. */
async function answerRows(page: Page): Promise<Row[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.sd-selectbase__label')].map((label) => {
      const box = label.getBoundingClientRect();
      const question = label.closest('.sd-question')!;
      const decorator = label.querySelector('.sd-item__decorator')!;
      const title = question.querySelector('.sd-question__title')!;
      return {
        text: label.innerText.trim(),
        width: box.width,
        height: box.height,
        groupWidth: label.closest('fieldset')!.getBoundingClientRect().width,
        outline: /rgb[^)]*\)/.exec(getComputedStyle(decorator).boxShadow)?.[0] ?? 'none',
        labelFont: parseFloat(getComputedStyle(label.querySelector('.sd-item__control-label')!).fontSize),
        titleFont: parseFloat(getComputedStyle(title).fontSize),
      };
    }),
  );
}

for (const lang of langs) {
  for (const size of sizes) {
    test(`in ${lang} at ${size.width}x${size.height}, each answer is a whole row of at least 48 px, a tap beside its words picks it, its outline has 3:1 contrast and the question title is at least as large`, async () => {
      const context = await newPhoneContext(browser, { viewport: size });
      const page = await start(context, lang);
      await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
      await next(page, lang);
      const rows = await answerRows(page);
      assert.ok(rows.length >= 10, 'the background page has radio and checkbox answers');
      for (const row of rows) {
        assert.ok(row.height >= 48, `${row.text}: ${row.height}px high`);
        assert.ok(row.width >= row.groupWidth - 1, `${row.text}: ${row.width}px of ${row.groupWidth}px`);
        assert.ok(contrast(row.outline, 'rgb(255, 255, 255)') >= 3, `${row.text}: outline ${row.outline}`);
        assert.ok(row.titleFont >= row.labelFont, `${row.text}: title ${row.titleFont}px, answer ${row.labelFont}px`);
      }
      // A tap at the far end of the row, away from the words and the circle.
      const no = page.locator('label').filter({ has: page.getByRole('radio', { name: surveyText(lang, 'eaa-t0', 'gender.choices.no_answer'), exact: true }) });
      await no.scrollIntoViewIfNeeded();
      const box = (await no.boundingBox())!;
      await page.touchscreen.tap(lang === 'ar' ? box.x + 6 : box.x + box.width - 6, box.y + box.height / 2);
      assert.equal(await page.getByRole('radio', { name: surveyText(lang, 'eaa-t0', 'gender.choices.no_answer'), exact: true }).isChecked(), true);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'nothing scrolls sideways');
      await saveScreenshot(page, `answers-${lang}-${size.width}`, false);
      await context.close();
    });
  }
}

for (const lang of langs) {
  test(`in ${lang}, the consent page offers Next, not Send, and no "Page 1 of 1"; Send comes only for a person who declines`, async () => {
    const context = await newPhoneContext(browser);
    const page = await start(context, lang);
    const nextButton = page.getByRole('button', { name: surveyJsText(lang, 'pageNextText'), exact: true });
    const sendButton = page.getByRole('button', { name: surveyJsText(lang, 'completeText'), exact: true });
    assert.equal(await nextButton.count(), 1);
    assert.equal(await sendButton.count(), 0);
    assert.equal(await page.locator('.sd-progress').count(), 0, 'no progress bar for one page');
    await nextButton.click();
    await page.locator('.sd-question__erbox').first().waitFor();
    assert.equal(await page.locator('.sd-page').count(), 1, 'Next without an answer asks for one');

    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
    await page.locator('.sd-progress').waitFor();
    assert.equal(await nextButton.count(), 1);
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelFalse'));
    await sendButton.waitFor();
    assert.equal(await page.locator('.sd-progress').count(), 0);
    await context.close();
  });
}

for (const lang of langs) {
  for (const size of sizes) {
    test(`in ${lang} at ${size.width}x${size.height}, Next is the filled button at the end of the row, Previous the outlined one, with arrows that point the way the pages go`, async () => {
      const context = await newPhoneContext(browser, { viewport: size });
      const page = await start(context, lang);
      await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
      await next(page, lang);
      const look = (name: string) =>
        page.getByRole('button', { name, exact: true }).evaluate((button) => {
          const box = button.getBoundingClientRect();
          const title = button.querySelector('.sd-action__title')!;
          const arrow = getComputedStyle(title, button.classList.contains('sd-navigation__prev-btn') ? '::before' : '::after');
          return {
            left: box.left,
            right: box.right,
            bottom: box.bottom,
            height: box.height,
            background: getComputedStyle(button).backgroundColor,
            arrow: arrow.content,
            mirrored: arrow.transform !== 'none',
          };
        });
      const nextLook = await look(surveyJsText(lang, 'pageNextText'));
      const previousLook = await look(surveyJsText(lang, 'pagePrevText'));
      assert.equal(nextLook.background, 'rgb(11, 83, 148)', 'Next is filled');
      assert.equal(previousLook.background, 'rgb(255, 255, 255)', 'Previous is outlined');
      assert.ok(nextLook.height >= 48 && previousLook.height >= 48);
      if (lang === 'ar') assert.ok(nextLook.right <= previousLook.left, 'Next on the left, where a right-to-left row ends');
      else assert.ok(nextLook.left >= previousLook.right, 'Next on the right');
      assert.ok(nextLook.bottom >= previousLook.bottom, 'Next never above Previous');
      assert.ok(nextLook.right <= size.width && nextLook.left >= 0 && previousLook.right <= size.width && previousLook.left >= 0, 'both on screen');
      assert.match(nextLook.arrow, /→/);
      assert.match(previousLook.arrow, /←/);
      assert.equal(nextLook.mirrored, lang === 'ar', 'the arrows mirror right to left');
      assert.equal(previousLook.mirrored, lang === 'ar');
      await context.close();
    });
  }
}

test('in Arabic no answer label is cut off: no clipping box and room below the line for the dots of a final ي', async () => {
  const context = await newPhoneContext(browser);
  const page = await start(context, 'ar');
  await answerRadio(page, surveyText('ar', 'eaa-t0', 'consent.labelTrue'));
  const problems: string[] = [];
  await goToLastPage(page, 'ar', async () => {
    problems.push(
      ...(await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.sd-item__control-label .sv-string-viewer, .sd-matrix__responsive-title .sv-string-viewer')].flatMap((text) => {
          const style = getComputedStyle(text);
          const clipped: string[] = [];
          for (let node: HTMLElement | null = text; node && !node.classList.contains('sd-item'); node = node.parentElement) {
            if (getComputedStyle(node).overflowY !== 'visible') clipped.push(`${text.innerText}: ${node.className} clips`);
          }
          if (parseFloat(style.lineHeight) < 1.6 * parseFloat(style.fontSize)) clipped.push(`${text.innerText}: line height ${style.lineHeight}`);
          return clipped;
        }),
      )),
    );
  });
  assert.deepEqual(problems, []);
  await context.close();
});

for (const lang of langs) {
  test(`in ${lang}, the 1 to 10 scale runs in reading direction: 1 first, at the ${lang === 'ar' ? 'right' : 'left'}`, async () => {
    const context = await newPhoneContext(browser);
    const page = await start(context, lang);
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
    await next(page, lang);
    await next(page, lang);
    const x = (value: string) => page.getByRole('radio', { name: value, exact: true }).evaluate((radio) => radio.closest('label')!.getBoundingClientRect().left);
    const [one, two] = [await x('1'), await x('2')];
    if (lang === 'ar') assert.ok(one > two, `1 at ${one}, 2 at ${two}`);
    else assert.ok(one < two, `1 at ${one}, 2 at ${two}`);
    await context.close();
  });
}

/** A device voice for each of `voices`, recording what it is asked to say. */
async function withVoices(context: BrowserContext, voices: string[]): Promise<void> {
  await context.addInitScript((langs: string[]) => {
    const spoken: string[] = [];
    Object.assign(window, { spoken });
    speechSynthesis.getVoices = () => langs.map((lang) => ({ lang, name: lang, default: false, localService: true, voiceURI: lang }) as SpeechSynthesisVoice);
    speechSynthesis.speak = (utterance) => {
      spoken.push(utterance.text);
      utterance.dispatchEvent(new Event('end'));
    };
  }, voices);
}

async function readAloud(page: Page, lang: Lang, question: string): Promise<string> {
  const before = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length);
  await page.locator('.sd-question').filter({ hasText: question }).getByRole('button', { name: appText(lang, 'survey.readAloud'), exact: true }).click();
  return page.evaluate((index) => (window as unknown as { spoken: string[] }).spoken[index]!, before);
}

for (const lang of ['nl', 'ar'] as const) {
  test(`in ${lang}, read-aloud reads a country question without its long list, and a matrix with its answer columns and every row`, async () => {
    const context = await newPhoneContext(browser);
    await withVoices(context, ['nl-NL', 'ar-SA']);
    const page = await start(context, lang);
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
    await next(page, lang);
    const country = await readAloud(page, lang, surveyText(lang, 'eaa-t0', 'birth_country.title'));
    assert.ok(country.startsWith(surveyText(lang, 'eaa-t0', 'birth_country.title')), country);
    assert.ok(country.length < 300, `${country.length} characters: no list of countries`);
    const gender = await readAloud(page, lang, surveyText(lang, 'eaa-t0', 'gender.title'));
    assert.ok(gender.includes(surveyText(lang, 'eaa-t0', 'gender.choices.woman')), 'a short list is read');

    await goToLastPage(page, lang);
    const matrix = await readAloud(page, lang, surveyText(lang, 'eaa-t0', 'self_reliance.title'));
    for (const key of ['columns.1', 'columns.4', 'rows.finances', 'rows.agencies']) {
      assert.ok(matrix.includes(surveyText(lang, 'eaa-t0', `self_reliance.${key}`)), `${key} in "${matrix}"`);
    }
    await context.close();
  });
}

test('in Tigrinya, which has no device voice, no read-aloud button is offered', async () => {
  const context = await newPhoneContext(browser);
  await withVoices(context, ['nl-NL', 'ar-SA']);
  const page = await start(context, 'ti');
  assert.equal(await page.getByRole('button', { name: appText('ti', 'survey.readAloud'), exact: true }).count(), 0);
  await context.close();
});

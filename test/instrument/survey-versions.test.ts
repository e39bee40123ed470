import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from '../../server/config.ts';
import type { ElementJson, SurveyJson } from '../../server/surveys/definition.ts';
import { diffSurveyVersions, type ChangeKind } from '../../server/surveys/versions.ts';
import { tempDir } from '../helpers/app.ts';

function base(): SurveyJson {
  return {
    title: 'Proef',
    pages: [
      {
        name: 'one',
        elements: [
          { type: 'radiogroup', name: 'q', title: 'Vraag', choices: [{ value: 'a', text: 'A' }, { value: 'b', text: 'B' }] },
          { type: 'rating', name: 'r', title: 'Cijfer', rateMin: 1, rateMax: 5 },
          { type: 'text', name: 'n', title: 'Aantal', inputType: 'number', min: 0, max: 10 },
          { type: 'checkbox', name: 'c', title: 'Kies', choices: ['x', 'y'], showOtherItem: true },
          { type: 'matrix', name: 'm', title: 'Rijen', rows: ['r1', 'r2'], columns: [1, 2] },
          { type: 'boolean', name: 'b', title: 'Ja of nee' },
        ],
      },
      { name: 'two', visibleIf: '{b} = true', elements: [{ type: 'radiogroup', name: 'z', title: 'Laatste', choices: ['k', 'l'] }] },
    ],
  };
}

function edit(change: (survey: SurveyJson, q: (name: string) => ElementJson) => void): SurveyJson {
  const survey = base();
  const q = (name: string) => survey.pages.flatMap((p) => p.elements ?? []).find((e) => e.name === name)!;
  change(survey, q);
  return survey;
}

const cases: { name: string; next: SurveyJson; expect: [ChangeKind, string | undefined, RegExp][] }[] = [
  { name: 'no change', next: base(), expect: [] },
  { name: 'a removed question is breaking', next: edit((s) => s.pages[1]!.elements!.pop()), expect: [['breaking', 'z', /question removed/]] },
  { name: 'a changed type is breaking', next: edit((_, q) => (q('q').type = 'dropdown')), expect: [['breaking', 'q', /type changed from radiogroup to dropdown/]] },
  { name: 'a number field turned into free text is a changed type', next: edit((_, q) => delete q('n').inputType), expect: [['breaking', 'n', /type changed from text \(number\) to text/]] },
  { name: 'a removed answer value is breaking', next: edit((_, q) => q('q').choices!.pop()), expect: [['breaking', 'q', /answer value 'b' removed$/]] },
  { name: 'a renamed answer value is breaking', next: edit((_, q) => (q('q').choices![1] = { value: 'bee', text: 'B' })), expect: [['breaking', 'q', /'b' removed \(or renamed to 'bee'\)/]] },
  { name: 'dropping the other item removes a value', next: edit((_, q) => (q('c').showOtherItem = false)), expect: [['breaking', 'c', /'other' removed/]] },
  { name: 'a removed matrix row is breaking', next: edit((_, q) => q('m').rows!.pop()), expect: [['breaking', 'm', /row 'r2' removed/]] },
  { name: 'a removed matrix column is breaking', next: edit((_, q) => q('m').columns!.pop()), expect: [['breaking', 'm', /column '2' removed/]] },
  { name: 'a shorter rating scale is breaking', next: edit((_, q) => (q('r').rateMax = 4)), expect: [['breaking', 'r', /answer value '5' removed/]] },
  { name: 'a narrower number range is breaking', next: edit((_, q) => (q('n').max = 8)), expect: [['breaking', 'n', /narrowed from 0-10 to 0-8/]] },
  { name: 'a new required question is breaking', next: edit((s) => s.pages[1]!.elements!.push({ type: 'text', name: 'w', isRequired: true })), expect: [['breaking', 'w', /new required question/]] },
  { name: 'a new optional question is safe', next: edit((s) => s.pages[1]!.elements!.push({ type: 'text', name: 'w' })), expect: [['safe', 'w', /new optional question/]] },
  { name: 'a new answer value is safe', next: edit((_, q) => q('q').choices!.push({ value: 'c', text: 'C' })), expect: [['safe', 'q', /new answer value 'c'/]] },
  { name: 'a longer rating scale is safe', next: edit((_, q) => (q('r').rateMax = 7)), expect: [['safe', 'r', /new answer value '6', '7'/]] },
  { name: 'a wider number range is safe', next: edit((_, q) => (q('n').max = 20)), expect: [['safe', 'n', /widened/]] },
  { name: 'new wording is safe', next: edit((s, q) => { q('q').title = 'Nieuwe vraag'; (q('q').choices![0] as { text: string }).text = 'Aa'; }), expect: [['safe', undefined, /wording changed: q\.title, q\.choices\.a/]] },
  { name: 'a new button text is safe and listed as a text to translate', next: edit((s) => Object.assign(s, { completeText: 'Versturen', pageNextText: 'Verder' })), expect: [['safe', undefined, /new text to translate: survey\.completeText, survey\.pageNextText/]] },
  { name: 'a changed visibility rule is safe and listed', next: edit((_, q) => (q('z').visibleIf = '{b} = false')), expect: [['safe', 'z', /visibility rule changed/]] },
  { name: 'a moved question is safe and listed', next: edit((s) => s.pages[1]!.elements!.push(s.pages[0]!.elements!.shift()!)), expect: [['safe', 'q', /moved from page 'one' to 'two'/]] },
];

for (const c of cases) {
  test(`version check: ${c.name}`, () => {
    const changes = diffSurveyVersions(base(), c.next);
    assert.equal(changes.length, c.expect.length, JSON.stringify(changes));
    c.expect.forEach(([kind, question, what], i) => {
      assert.equal(changes[i]!.kind, kind);
      assert.equal(changes[i]!.question, question);
      assert.match(changes[i]!.what, what);
    });
  });
}

async function surveysCheck(surveysDir: string, ...flags: string[]): Promise<{ code: number; stdout: string }> {
  const cli = path.join(projectRoot, 'server', 'cli.ts');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'surveys', 'check', ...flags], {
      env: { ...process.env, WAVEPANEL_SURVEYS_DIR: surveysDir },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

test('surveys check refuses breaking changes between versions unless --allow-breaking is given', async (t) => {
  const dir = tempDir('wavepanel-versions-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(projectRoot, 'surveys', 'eaa-t0'), path.join(dir, 'eaa-t0'), { recursive: true });
  mkdirSync(path.join(dir, 'proef'));
  writeFileSync(path.join(dir, 'proef', '1.json'), JSON.stringify(base()));
  writeFileSync(path.join(dir, 'proef', '2.json'), JSON.stringify(edit((_, q) => q('q').choices!.pop())));
  const refused = await surveysCheck(dir);
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /proef 1 -> 2: 1 breaking, 0 safe\n {2}breaking q: answer value 'b' removed/);
  assert.equal((await surveysCheck(dir, '--allow-breaking')).code, 0);
});

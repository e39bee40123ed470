/**
 * Writes the EAA survey definitions (`surveys/eaa-t0/1.json` and the others) from the blocks below and the one
 * country list (`surveys/countries.json`). Question names and answer values follow
 * `instrument.md` and are a contract; the Dutch wording is the translators' source.
 *
 * A published version never changes: an existing file with other content is left alone and
 * reported, unless `--force` is given (only before a version goes into the field).
 *
 *   npx tsx scripts/build-eaa-surveys.ts [--force]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementJson, PageJson, SurveyJson } from '../server/surveys/definition.ts';

const surveysDir = path.resolve(import.meta.dirname, '..', 'surveys');

interface CountryList {
  first: string[];
  iso3166: string[];
}

const countries = JSON.parse(readFileSync(path.join(surveysDir, 'countries.json'), 'utf8')) as CountryList;

/** Common countries for this population first, then the rest; the client sorts the rest per language. */
function countryChoices(list: CountryList): (string | { value: string; text: string })[] {
  const rest = list.iso3166.filter((code) => !list.first.includes(code));
  return [...list.first, ...rest, { value: 'unknown', text: 'Weet ik niet' }];
}

const consented = '{consent} = true';
const bornAbroad = "{birth_country} notempty and {birth_country} <> 'NL'";
const choice = (value: string, text: string, extra: Record<string, unknown> = {}) => ({ value, text, ...extra });
/** Yes/no as two radio buttons, yes first (SurveyJS puts no first unless `swapOrder`). */
const yesNo = { labelTrue: 'Ja', labelFalse: 'Nee', renderAs: 'radio', swapOrder: true };
const several = 'U mag meer dan één antwoord kiezen.';

/**
 * The waves differ only where the panel shows: T1/T2 ask the background block only when the
 * server says it is not known yet (`background_known`), and their introductions say which round
 * it is. The one-off `eaa-cross` survey asks every T0 question (the derived variables and report
 * tables need them all); what it leaves out is panel-only wording: the promise of two more
 * rounds, and any mention of the letter's code.
 */
type Kind = 'T0' | 'T1' | 'T2' | 'cross';

const intro: Record<Kind, string> = {
  T0:
    'Deze vragenlijst gaat over werk, gezondheid en meedoen in de samenleving. Het invullen duurt ongeveer 20 minuten. ' +
    'Uw naam staat niet bij uw antwoorden. Meedoen is vrijwillig: u kunt altijd stoppen. ' +
    'We stellen u deze vragen drie keer: nu, over een half jaar en over een jaar.',
  T1:
    'Dit is de tweede keer dat wij u deze vragen stellen. Het invullen duurt ongeveer 20 minuten. ' +
    'Uw naam staat niet bij uw antwoorden. Meedoen is vrijwillig: u kunt altijd stoppen.',
  T2:
    'Dit is de laatste keer dat wij u deze vragen stellen. Het invullen duurt ongeveer 20 minuten. ' +
    'Uw naam staat niet bij uw antwoorden. Meedoen is vrijwillig: u kunt altijd stoppen.',
  cross:
    'Deze vragenlijst gaat over werk, gezondheid en meedoen in de samenleving. Het invullen duurt ongeveer 20 minuten. ' +
    'U doet mee zonder naam en zonder code. Meedoen is vrijwillig: u kunt altijd stoppen.',
};

const title: Record<Kind, string> = {
  T0: 'Werk en meedoen',
  T1: 'Werk en meedoen: deel 2',
  T2: 'Werk en meedoen: deel 3',
  cross: 'Werk en meedoen',
};

function consentPage(kind: Kind): PageJson {
  return {
    name: 'consent',
    title: 'Welkom',
    description: intro[kind],
    elements: [
      {
        type: 'boolean',
        name: 'consent',
        title: 'Wilt u meedoen?',
        description: 'We gebruiken uw antwoorden alleen voor onderzoek. Niemand ziet wat u persoonlijk hebt geantwoord.',
        isRequired: true,
        labelTrue: 'Ja, ik doe mee',
        labelFalse: 'Nee, ik doe niet mee',
        renderAs: 'radio',
        swapOrder: true,
      },
      {
        type: 'html',
        name: 'consent_declined',
        visibleIf: '{consent} = false',
        html: '<p>Dank u wel voor uw tijd. U hoeft verder niets te doen. We bewaren niets van u.</p><p>Druk op de knop hieronder om af te sluiten.</p>',
      },
    ],
  };
}

function countryQuestion(name: string, questionTitle: string): ElementJson {
  return { type: 'dropdown', name, title: questionTitle, choices: countryChoices(countries) };
}

function backgroundPage(kind: Kind): PageJson {
  const panel = kind === 'T1' || kind === 'T2';
  return {
    name: 'background',
    title: 'Over uzelf',
    visibleIf: panel ? `${consented} and {background_known} <> true` : consented,
    elements: [
      countryQuestion('birth_country', 'In welk land bent u geboren?'),
      countryQuestion('mother_birth_country', 'In welk land is uw moeder geboren?'),
      countryQuestion('father_birth_country', 'In welk land is uw vader geboren?'),
      {
        type: 'checkbox',
        name: 'cultural_background',
        title: 'Wat is uw culturele achtergrond?',
        description: several,
        choices: [
          choice('NL', 'Nederlands'),
          choice('TR', 'Turks'),
          choice('MA', 'Marokkaans'),
          choice('SR', 'Surinaams'),
          choice('CW', 'Curaçaos of Antilliaans'),
          choice('SY', 'Syrisch'),
          choice('ER', 'Eritrees'),
          choice('SO', 'Somalisch'),
          choice('AF', 'Afghaans'),
          choice('IQ', 'Iraaks'),
          choice('IR', 'Iraans'),
          choice('PL', 'Pools'),
          choice('DE', 'Duits'),
          choice('ID', 'Indonesisch of Indisch'),
        ],
        showOtherItem: true,
        otherText: 'Iets anders, namelijk:',
      },
      {
        type: 'text',
        name: 'years_in_nl',
        title: 'Hoeveel jaar woont u al in Nederland?',
        description: 'Schrijf een getal. Korter dan een jaar? Schrijf dan 0.',
        visibleIf: bornAbroad,
        inputType: 'number',
        min: 0,
        max: 99,
        step: 1,
      },
      { type: 'boolean', name: 'came_as_refugee', title: 'Bent u als vluchteling naar Nederland gekomen?', visibleIf: bornAbroad, ...yesNo },
      {
        type: 'radiogroup',
        name: 'gender',
        title: 'Bent u een vrouw of een man?',
        choices: [choice('woman', 'Vrouw'), choice('man', 'Man'), choice('other', 'Anders'), choice('no_answer', 'Dat zeg ik liever niet')],
      },
      {
        type: 'radiogroup',
        name: 'education',
        title: 'Wat is de hoogste school of opleiding die u hebt afgemaakt?',
        choices: [
          choice('none', 'Geen school of opleiding'),
          choice('primary', 'Basisschool'),
          choice('lower_secondary', 'Vmbo, mavo of lbo'),
          choice('upper_secondary', 'Havo of vwo'),
          choice('vocational', 'Mbo'),
          choice('higher', 'Hbo of universiteit'),
          choice('abroad_unknown', 'Een opleiding in een ander land, of ik weet het niet'),
        ],
      },
    ],
  };
}

const agreement = [choice('agree', 'Eens'), choice('neutral', 'Niet eens en niet oneens'), choice('disagree', 'Oneens'), choice('dont_know', 'Weet ik niet')];
const frequency = [choice('always', 'Altijd'), choice('mostly', 'Meestal'), choice('sometimes', 'Soms'), choice('never', 'Nooit')];

function waveQuestionPages(): PageJson[] {
  return [
    {
      name: 'health',
      title: 'Gezondheid',
      visibleIf: consented,
      elements: [
        {
          type: 'rating',
          name: 'health',
          title: 'Hoe gezond voelt u zich?',
          description: 'Geef een cijfer van 1 tot 10. 1 is heel slecht, 10 is heel goed.',
          rateMin: 1,
          rateMax: 10,
          minRateDescription: 'Heel slecht',
          maxRateDescription: 'Heel goed',
        },
      ],
    },
    {
      name: 'social',
      title: 'Contact met anderen',
      visibleIf: consented,
      elements: [
        {
          type: 'radiogroup',
          name: 'enough_contacts',
          title: 'Hebt u genoeg contact met andere mensen?',
          choices: [choice('yes', 'Ja'), choice('no', 'Nee'), choice('dont_know', 'Weet ik niet')],
        },
        {
          type: 'radiogroup',
          name: 'participation_difficulty',
          title: 'Hoe makkelijk is het voor u om mee te doen in de samenleving?',
          description: 'Bijvoorbeeld: naar een club gaan, vrijwilligerswerk doen of op bezoek gaan.',
          choices: [
            choice('very_difficult', 'Heel moeilijk'),
            choice('bit_difficult', 'Een beetje moeilijk'),
            choice('bit_easy', 'Een beetje makkelijk'),
            choice('very_easy', 'Heel makkelijk'),
          ],
        },
        {
          type: 'checkbox',
          name: 'participation_barriers',
          title: 'Wat maakt het moeilijk?',
          description: several,
          visibleIf: "{participation_difficulty} anyof ['very_difficult', 'bit_difficult']",
          choices: [
            choice('language', 'De taal'),
            choice('physical_health', 'Mijn lichamelijke gezondheid'),
            choice('mental_health', 'Hoe ik me voel: mijn psychische gezondheid'),
            choice('money', 'Geld'),
            choice('transport', 'Vervoer'),
            choice('care_duties', 'Zorg voor kinderen of familie'),
            choice('other', 'Iets anders'),
          ],
        },
      ],
    },
    {
      name: 'discrimination',
      title: 'Oneerlijk behandeld',
      visibleIf: consented,
      elements: [
        {
          type: 'checkbox',
          name: 'discrimination_grounds',
          title: 'Bent u in de afgelopen 6 maanden oneerlijk behandeld? Waarom?',
          description: several,
          choices: [
            choice('ethnic_cultural', 'Om mijn afkomst of cultuur'),
            choice('religion', 'Om mijn geloof'),
            choice('gender', 'Omdat ik een vrouw of een man ben'),
            choice('age', 'Om mijn leeftijd'),
            choice('disability', 'Om een handicap of ziekte'),
            choice('other', 'Om een andere reden'),
            choice('none', 'Ik ben niet oneerlijk behandeld', { isExclusive: true }),
          ],
        },
      ],
    },
    {
      name: 'work',
      title: 'Werk',
      visibleIf: consented,
      elements: [
        { type: 'boolean', name: 'paid_work', title: 'Hebt u nu betaald werk?', ...yesNo },
        { type: 'boolean', name: 'receives_benefit', title: 'Krijgt u nu een bijstandsuitkering?', ...yesNo },
        {
          type: 'text',
          name: 'job_search_hours',
          title: 'Hoeveel uur per week zoekt u werk?',
          description: 'Schrijf een getal van 0 tot 80.',
          inputType: 'number',
          min: 0,
          max: 80,
          step: 1,
        },
        {
          type: 'radiogroup',
          name: 'job_chance',
          title: 'Hoe groot is de kans dat u binnen een jaar betaald werk hebt?',
          choices: [
            choice('very_small', 'Heel klein'),
            choice('small', 'Klein'),
            choice('large', 'Groot'),
            choice('very_large', 'Heel groot'),
            choice('dont_know', 'Weet ik niet'),
          ],
        },
        {
          type: 'boolean',
          name: 'cv_updated',
          title: 'Hebt u in de afgelopen 6 maanden aan uw cv gewerkt?',
          description: 'Een cv is een lijst van uw opleidingen en uw werk.',
          ...yesNo,
        },
        { type: 'boolean', name: 'temp_agency', title: 'Staat u ingeschreven bij een uitzendbureau?', ...yesNo },
      ],
    },
    {
      name: 'programme',
      title: 'Hulp bij werk zoeken',
      visibleIf: consented,
      elements: [
        {
          type: 'checkbox',
          name: 'eaa_activities',
          title: 'Wat hebt u in de afgelopen 6 maanden gedaan om werk te vinden?',
          description: several,
          choices: [
            choice('coaching', 'Gesprekken met een coach'),
            choice('training', 'Een training of cursus'),
            choice('language_course', 'Een taalcursus'),
            choice('work_experience', 'Werkervaring opdoen, bijvoorbeeld een werkervaringsplek'),
            choice('volunteering', 'Vrijwilligerswerk'),
            choice('application_training', 'Leren solliciteren'),
            choice('none', 'Geen van deze dingen', { isExclusive: true }),
          ],
        },
      ],
    },
    {
      name: 'society',
      title: 'De samenleving',
      description: 'Bent u het eens of oneens met deze zinnen?',
      visibleIf: consented,
      elements: [
        { type: 'radiogroup', name: 'society_considers_unemployed', title: 'De samenleving houdt rekening met mensen zonder werk.', choices: agreement },
        { type: 'radiogroup', name: 'society_helps_low_literacy', title: 'De samenleving helpt mensen die moeilijk kunnen lezen en schrijven.', choices: agreement },
      ],
    },
    {
      name: 'letters',
      title: 'Brieven',
      visibleIf: consented,
      elements: [
        {
          type: 'radiogroup',
          name: 'letters_understood',
          title: 'Begrijpt u de brieven die u krijgt van instanties?',
          description: 'Bijvoorbeeld brieven van de gemeente, de Belastingdienst of het UWV.',
          choices: frequency,
        },
        { type: 'radiogroup', name: 'letters_distress', title: 'Wordt u boos of raakt u in paniek van deze brieven?', choices: frequency },
      ],
    },
    {
      name: 'self_reliance',
      title: 'Zelf dingen regelen',
      visibleIf: consented,
      elements: [
        {
          type: 'matrix',
          name: 'self_reliance',
          title: 'Hoe goed lukt het u om dit zelf te doen?',
          rows: [
            choice('finances', 'Mijn geldzaken regelen'),
            choice('agencies', 'Zaken regelen met instanties, zoals de gemeente'),
            choice('information', 'Informatie vinden die ik nodig heb'),
            choice('ask_help', 'Hulp vragen als ik dat nodig heb'),
            choice('daily_plan', 'Mijn dag plannen'),
          ],
          columns: [
            { value: 1, text: 'Lukt niet' },
            { value: 2, text: 'Lukt moeilijk' },
            { value: 3, text: 'Lukt redelijk' },
            { value: 4, text: 'Lukt makkelijk' },
          ],
        },
      ],
    },
  ];
}

function eaaSurvey(kind: Kind): SurveyJson {
  return {
    title: title[kind],
    showQuestionNumbers: 'off',
    showProgressBar: true,
    completedHtml: '<h3>Dank u wel!</h3><p>U bent klaar. U kunt dit scherm nu sluiten.</p>',
    pages: [consentPage(kind), backgroundPage(kind), ...waveQuestionPages()],
  };
}

const surveys: Record<string, Kind> = { 'eaa-t0': 'T0', 'eaa-t1': 'T1', 'eaa-t2': 'T2', 'eaa-cross': 'cross' };

/** The text of every EAA version-1 file, as this script writes it. */
export function eaaDefinitionFiles(): { file: string; text: string }[] {
  return Object.entries(surveys).map(([id, kind]) => ({
    file: path.join(surveysDir, id, '1.json'),
    text: `${JSON.stringify(eaaSurvey(kind), null, 2)}\n`,
  }));
}

function main(force: boolean): number {
  let refused = 0;
  for (const { file, text } of eaaDefinitionFiles()) {
    if (existsSync(file) && readFileSync(file, 'utf8') !== text && !force) {
      process.stderr.write(`${path.relative(process.cwd(), file)} exists with other content: published versions do not change (use --force before fieldwork only)\n`);
      refused++;
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return refused ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) process.exitCode = main(process.argv.includes('--force'));

/**
 * The request body every scenario sends: a respondent completing the whole `eaa-cross`
 * questionnaire in one submission (every page answered, as a phone does on the last page after
 * offline use), padded to about 1.75 KB with the free text of "other" cultural background,
 * which is the size issue 2's targets were measured with.
 */

export const benchSurvey = { studyId: 'eaa-cross', surveyId: 'eaa-cross', version: 1 } as const;

/** The researcher who downloads exports in the benchmarks (made by wavepanel-server.ts with a bulk panel). */
export const benchResearcher = { username: 'bench-researcher', password: 'bench researcher password' } as const;

export const targetBodyBytes = 1750;

/** One respondent's answers to the EAA questions: a woman from Eritrea, in the Netherlands six years. */
export const respondentAnswers: Record<string, unknown> = {
  consent: true,
  birth_country: 'ER',
  mother_birth_country: 'ER',
  father_birth_country: 'ER',
  cultural_background: ['ER'],
  years_in_nl: 6,
  came_as_refugee: true,
  gender: 'woman',
  education: 'vocational',
  health: 7,
  enough_contacts: 'no',
  participation_difficulty: 'bit_difficult',
  participation_barriers: ['language', 'money', 'transport'],
  discrimination_grounds: ['ethnic_cultural', 'religion'],
  paid_work: false,
  receives_benefit: true,
  job_search_hours: 12,
  job_chance: 'small',
  cv_updated: true,
  temp_agency: false,
  eaa_activities: ['coaching', 'language_course', 'work_experience'],
  society_considers_unemployed: 'neutral',
  society_helps_low_literacy: 'disagree',
  letters_understood: 'sometimes',
  letters_distress: 'mostly',
  self_reliance: { finances: 2, agencies: 2, information: 3, ask_help: 3, daily_plan: 4 },
};

const otherText =
  'Mijn familie komt uit Eritrea, maar ik ben opgegroeid in een vluchtelingenkamp in Soedan en daarna een paar jaar in Ethiopië. ' +
  'Thuis spreken we Tigrinya en een beetje Arabisch; met mijn kinderen spreek ik steeds vaker Nederlands. ';

/** A submission id as a client makes it: unique per request, within the API's pattern. */
export function submissionIdFor(n: number): string {
  return `bench-${n.toString(36).padStart(10, '0')}`;
}

function bodyWith(submissionId: string, comment: string): string {
  return JSON.stringify({
    submissionId,
    pageNo: 9,
    answers: { ...respondentAnswers, cultural_background: ['ER', 'other'], 'cultural_background-Comment': comment },
    complete: true,
    locale: 'nl',
  });
}

function paddedComment(): string {
  const bare = Buffer.byteLength(bodyWith(submissionIdFor(0), ''));
  let comment = '';
  while (Buffer.byteLength(comment) < targetBodyBytes - bare) comment += otherText;
  while (Buffer.byteLength(comment) > targetBodyBytes - bare) comment = comment.slice(0, -1);
  return comment.trimEnd();
}

const comment = paddedComment();
const marker = '@submission@';
const [head, tail] = bodyWith(marker, comment).split(marker) as [string, string];

/** The complete-response body for one request; only the submission id differs between requests. */
export function completeBody(submissionId: string): string {
  return head + submissionId + tail;
}

export const bodyBytes = Buffer.byteLength(completeBody(submissionIdFor(0)));

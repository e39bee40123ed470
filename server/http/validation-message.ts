/**
 * Schema validation failures in plain language, never a regular expression or a JSON path:
 * "The study id is not in the right form: use lower-case letters, digits and hyphens." The
 * details (`field`, `rule`, `limit`) let the workspace say the same in its own language.
 */

export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface ValidationDetails {
  field: string;
  rule: 'format' | 'missing' | 'too_short' | 'too_long' | 'too_small' | 'too_large' | 'not_allowed' | 'unknown_field' | 'invalid';
  limit?: number;
}

const fieldNames: Record<string, string> = {
  id: 'id',
  studyId: 'study id',
  userId: 'account',
  participantId: 'participant',
  waveId: 'wave',
  surveyId: 'survey id',
  code: 'code',
  username: 'username',
  role: 'role',
  kind: 'kind of study',
  count: 'number of participants',
  language: 'language',
  languages: 'languages',
  limit: 'number of rows',
  before: 'page',
  page: 'page',
  status: 'status',
  search: 'search text',
};

/** How a value in the right form looks, for fields whose form is not obvious. */
const formHints: Record<string, string> = {
  id: 'use lower-case letters, digits and hyphens, starting with a letter or digit (for example eaa-2027)',
  studyId: 'use lower-case letters, digits and hyphens (for example eaa-2027)',
  surveyId: 'use lower-case letters, digits and hyphens (for example eaa-t3)',
  code: 'use letters, digits, hyphens and underscores (for example T3)',
  username: 'use lower-case letters, digits, dots, hyphens and underscores',
};

export function describeValidation(issue: ValidationIssue | undefined): { message: string; details: ValidationDetails } {
  const path = issue?.instancePath.split('/').filter(Boolean) ?? [];
  const missing = typeof issue?.params.missingProperty === 'string' ? issue.params.missingProperty : undefined;
  const field = missing ?? path.findLast((segment) => !/^\d+$/.test(segment)) ?? 'request';
  const name = fieldNames[field] ?? field;
  const limit = typeof issue?.params.limit === 'number' ? issue.params.limit : undefined;
  switch (issue?.keyword) {
    case 'pattern':
    case 'format':
      return { message: `The ${name} is not in the right form${formHints[field] ? `: ${formHints[field]}` : ''}.`, details: { field, rule: 'format' } };
    case 'required':
      return { message: `The ${name} is missing.`, details: { field, rule: 'missing' } };
    case 'minLength':
    case 'minItems':
      return { message: `The ${name} is too short (at least ${limit}).`, details: { field, rule: 'too_short', limit: limit ?? 0 } };
    case 'maxLength':
    case 'maxItems':
      return { message: `The ${name} is too long (at most ${limit}).`, details: { field, rule: 'too_long', limit: limit ?? 0 } };
    case 'minimum':
      return { message: `The ${name} must be at least ${limit}.`, details: { field, rule: 'too_small', limit: limit ?? 0 } };
    case 'maximum':
      return { message: `The ${name} must be at most ${limit}.`, details: { field, rule: 'too_large', limit: limit ?? 0 } };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { message: `The ${name} is not one of the allowed values.`, details: { field, rule: 'not_allowed' } };
    case 'additionalProperties': {
      const extra = String(issue.params.additionalProperty ?? '');
      return { message: `The request has a field that is not allowed: ${extra}.`, details: { field: extra, rule: 'unknown_field' } };
    }
    default:
      return { message: `The ${name} is not valid.`, details: { field, rule: 'invalid' } };
  }
}

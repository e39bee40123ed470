import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeValidation, type ValidationIssue } from '../../server/http/validation-message.ts';
import { createTestApp } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

const cases: [string, ValidationIssue, string][] = [
  ['a study id of the wrong form says how one looks', { instancePath: '/studyId', keyword: 'pattern', params: { pattern: '^[a-z0-9-]+$' } }, 'The study id is not in the right form: use lower-case letters, digits and hyphens (for example eaa-2027).'],
  ['a missing field is named', { instancePath: '', keyword: 'required', params: { missingProperty: 'name' } }, 'The name is missing.'],
  ['a too short username gives the minimum', { instancePath: '/username', keyword: 'minLength', params: { limit: 2 } }, 'The username is too short (at least 2).'],
  ['too many participants gives the maximum', { instancePath: '/count', keyword: 'maximum', params: { limit: 5000 } }, 'The number of participants must be at most 5000.'],
  ['a role outside the list', { instancePath: '/role', keyword: 'anyOf', params: {} }, 'The role is not one of the allowed values.'],
  ['an unknown field is named', { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'isAdmin' } }, 'The request has a field that is not allowed: isAdmin.'],
];

for (const [name, issue, message] of cases) {
  test(`validation message: ${name}`, () => {
    const described = describeValidation(issue);
    assert.equal(described.message, message);
    assert.doesNotMatch(described.message, /[\^$\\[\]]|must match|instancePath/);
  });
}

test('a study id of the wrong form is answered in plain language with the field and rule, not a regular expression', async () => {
  const t = await createTestApp();
  try {
    await addUser(t.services, 'ada', 'admin');
    const admin = await signIn(t.app, 'ada');
    const res = await admin.request('POST', '/api/studies', { id: 'Mijn Studie!', name: 'Mijn studie', kind: 'panel' });
    assert.equal(res.statusCode, 400);
    const { error } = res.json() as { error: { code: string; message: string; details: unknown } };
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.details, { field: 'id', rule: 'format' });
    assert.doesNotMatch(error.message, /\^|\$|\[a-z/);
  } finally {
    await t.close();
  }
});

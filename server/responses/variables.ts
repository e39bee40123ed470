/** SurveyJS variables the server sets when a response starts. Pure rules over earlier answers. */

/** The background block counts as answered once `birth_country` was answered in any earlier wave. */
export function backgroundKnown(earlierAnswers: Record<string, unknown>[]): boolean {
  return earlierAnswers.some((answers) => answers.birth_country !== undefined && answers.birth_country !== null);
}

export function startVariables(earlierAnswers: Record<string, unknown>[]): Record<string, unknown> {
  return { background_known: backgroundKnown(earlierAnswers) };
}

import type { Answers } from './session.ts';

/** What changed since the last submission; a cleared answer is sent as `null` (the server merges). */
export function answerChanges(previous: Answers, current: Answers): Answers {
  const changes: Answers = {};
  for (const [name, value] of Object.entries(current)) {
    if (JSON.stringify(previous[name]) !== JSON.stringify(value)) changes[name] = value;
  }
  for (const name of Object.keys(previous)) if (!(name in current)) changes[name] = null;
  return changes;
}

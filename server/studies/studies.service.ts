import { AppError } from '../errors.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import type { NewWave, StudiesRepository, Wave } from './studies.repository.ts';
import { chooseWave } from './wave-window.ts';

/** The wave of a study's `waves` a respondent gets at `now`, or the error they are shown. */
export function openWaveOf(waves: Wave[], now: Date): Wave {
  const choice = chooseWave(waves, now);
  if (choice.open) return choice.wave;
  if (choice.reason === 'wave_closed') throw new AppError('wave_closed', 'This questionnaire is closed.');
  throw new AppError('wave_not_open', 'This questionnaire is not open yet.', choice.opensAt ? { opensAt: choice.opensAt.toISOString() } : undefined);
}

/** Checks that a wave's survey version exists and that it closes after it opens. */
export function checkWaveToSchedule({ surveys, wave }: { surveys: SurveyRegistry; wave: NewWave }): NewWave {
  if (!surveys.get(wave.surveyId, wave.surveyVersion)) {
    throw new AppError('survey_not_found', `Survey ${wave.surveyId} version ${wave.surveyVersion} does not exist.`);
  }
  if (wave.closesAt.getTime() <= wave.opensAt.getTime()) throw new AppError('validation_failed', 'A wave must close after it opens.', { reason: 'closes_before_opens' });
  return wave;
}

/** Adds a wave after checking that its survey version exists (also when another server published it a moment ago). */
export async function scheduleWave({ studies, surveys, wave }: { studies: StudiesRepository; surveys: SurveyRegistry; wave: NewWave }): Promise<Wave> {
  await surveys.find(wave.surveyId, wave.surveyVersion);
  return studies.insertWave(checkWaveToSchedule({ surveys, wave }));
}

/**
 * The baseline of `bench/respondent-load.ts`: the plainest React page that shows the same survey
 * with SurveyJS (definition bundled, SurveyJS's own fontless CSS), as a team would start.
 */
import 'survey-core/survey-core.fontless.min.css';
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import definition from '../../surveys/eaa-t0/1.json';

createRoot(document.getElementById('root')!).render(<Survey model={new Model(definition)} />);

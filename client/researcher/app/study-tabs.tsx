import { lazy, Suspense } from 'react';
import { Loading } from '../components/Loading.tsx';
import { FieldworkPage } from '../features/fieldwork/FieldworkPage.tsx';
import { LetterTextsEditor } from '../features/letters/LetterTexts.tsx';
import { ParticipantsPage } from '../features/participants/ParticipantsPage.tsx';
import { RegisterUpload } from '../features/register/RegisterUpload.tsx';
import type { StudyTab } from '../features/studies/StudyPage.tsx';
import { StudySettings } from '../features/studies/StudySettings.tsx';
import { WavesEditor } from '../features/studies/WavesEditor.tsx';

/** Reports and exports are written by another team; loaded only when their tab is opened. */
const ReportPage = lazy(() => import('../features/reports/ReportPage.tsx'));
const ExportPage = lazy(() => import('../features/exports/ExportPage.tsx'));

/** Each tab's label is `tabs.<id>` in `locales/<lang>/researcher.json`. */
export const studyTabs: StudyTab[] = [
  { id: 'waves', render: (study, reload) => <WavesEditor study={study} onChanged={reload} /> },
  { id: 'participants', render: (study) => <ParticipantsPage study={study} /> },
  { id: 'letter', render: (study) => <LetterTextsEditor study={study} /> },
  { id: 'register', render: (study) => <RegisterUpload study={study} /> },
  { id: 'fieldwork', render: (study) => <FieldworkPage study={study} /> },
  {
    id: 'reports',
    render: (study) => (
      <Suspense fallback={<Loading />}>
        <ReportPage studyId={study.id} />
      </Suspense>
    ),
  },
  {
    id: 'exports',
    render: (study) => (
      <Suspense fallback={<Loading />}>
        <ExportPage studyId={study.id} />
      </Suspense>
    ),
  },
  { id: 'settings', render: (study, reload, user) => <StudySettings study={study} user={user} onChanged={reload} /> },
];

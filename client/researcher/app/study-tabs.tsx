import { lazy, Suspense } from 'react';
import { FieldworkPage } from '../features/fieldwork/FieldworkPage.tsx';
import { ParticipantsPage } from '../features/participants/ParticipantsPage.tsx';
import { RegisterUpload } from '../features/register/RegisterUpload.tsx';
import type { StudyTab } from '../features/studies/StudyPage.tsx';
import { WavesEditor } from '../features/studies/WavesEditor.tsx';

/** Reports and exports are written by another team; loaded only when their tab is opened. */
const ReportPage = lazy(() => import('../features/reports/ReportPage.tsx'));
const ExportPage = lazy(() => import('../features/exports/ExportPage.tsx'));

export const studyTabs: StudyTab[] = [
  { id: 'waves', label: 'Waves', render: (study, reload) => <WavesEditor study={study} onChanged={reload} /> },
  { id: 'participants', label: 'Participants and letters', render: (study) => <ParticipantsPage study={study} /> },
  { id: 'register', label: 'Register data', render: (study) => <RegisterUpload study={study} /> },
  { id: 'fieldwork', label: 'Fieldwork', render: (study) => <FieldworkPage study={study} /> },
  {
    id: 'reports',
    label: 'Reports',
    render: (study) => (
      <Suspense fallback={<p>Loading…</p>}>
        <ReportPage studyId={study.id} />
      </Suspense>
    ),
  },
  {
    id: 'exports',
    label: 'Exports',
    render: (study) => (
      <Suspense fallback={<p>Loading…</p>}>
        <ExportPage studyId={study.id} />
      </Suspense>
    ),
  },
];


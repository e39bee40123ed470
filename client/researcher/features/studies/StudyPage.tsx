import type { ReactNode } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { Link } from '../../components/Link.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study } from '../../lib/api.ts';

export interface StudyTab {
  id: string;
  label: string;
  render: (study: Study, reload: () => void) => ReactNode;
}

export function StudyPage({ studyId, tab, tabs }: { studyId: string; tab: string; tabs: StudyTab[] }) {
  const { data: study, error, reload } = useLoad(() => api<Study>(`/api/studies/${studyId}`), [studyId]);
  const current = tabs.find((t) => t.id === tab) ?? tabs[0]!;
  return (
    <main>
      <p>
        <Link to="/researcher">← All studies</Link>
      </p>
      <ErrorNote error={error} />
      {study && (
        <>
          <h1>{study.name}</h1>
          <nav aria-label="Study">
            <ul className="tabs">
              {tabs.map((t) => (
                <li key={t.id}>
                  <Link to={`/researcher/studies/${study.id}/${t.id}`} current={t.id === current.id}>
                    {t.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {current.render(study, reload)}
        </>
      )}
    </main>
  );
}

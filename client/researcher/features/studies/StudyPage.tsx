import type { ReactNode } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Link } from '../../components/Link.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study, type User } from '../../lib/api.ts';

export interface StudyTab {
  /** Also the tab's label key, `tabs.<id>`. */
  id: string;
  render: (study: Study, reload: () => void, user: User) => ReactNode;
}

export function StudyPage({ studyId, tab, tabs, user }: { studyId: string; tab: string; tabs: StudyTab[]; user: User }) {
  const { t } = useI18n();
  const { data: study, error, reload } = useLoad(() => api('GET /api/studies/:studyId', { params: { studyId } }), [studyId]);
  const current = tabs.find((candidate) => candidate.id === tab) ?? tabs[0]!;
  return (
    <main>
      <p>
        <Link to="/researcher">{t('studies.back')}</Link>
      </p>
      <ErrorNote error={error} />
      {study && (
        <>
          <h1>{study.name}</h1>
          <nav aria-label={t('studies.tabsLabel')}>
            <ul className="tabs">
              {tabs.map((item) => (
                <li key={item.id}>
                  <Link to={`/researcher/studies/${study.id}/${item.id}`} current={item.id === current.id}>
                    {t(`tabs.${item.id}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {study.archivedAt && <p className="notice">{t('settings.archivedNotice')}</p>}
          {study.pilot && <p className="notice">{t('settings.pilotNotice')}</p>}
          {current.render(study, reload, user)}
        </>
      )}
    </main>
  );
}

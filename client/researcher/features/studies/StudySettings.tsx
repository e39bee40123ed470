import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { api, type Study, type User } from '../../lib/api.ts';

/** Pilot mode and its test responses; archiving and deleting the study, each confirmed by typing its id. */
export function StudySettings({ study, user, onChanged }: { study: Study; user: User; onChanged: () => void }) {
  const { t, format } = useI18n();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function run(action: () => Promise<string>) {
    try {
      setMessage(await action());
      setError(undefined);
      onChanged();
    } catch (reason) {
      setError(reason);
    }
  }

  const pilot = () =>
    run(async () => {
      await api('PUT /api/studies/:studyId/pilot', { params: { studyId: study.id }, body: { pilot: !study.pilot } });
      return t(study.pilot ? 'settings.pilotEnded' : 'settings.pilotStarted');
    });
  const deleteTests = () =>
    run(async () => {
      const { deleted } = await api('POST /api/studies/:studyId/test-responses/delete', { params: { studyId: study.id } });
      return t('settings.testsDeleted', { count: deleted });
    });
  const confirmed = (action: 'archive' | 'delete') => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const confirm = String(new FormData(event.currentTarget).get('confirm'));
    void run(async () => {
      if (action === 'archive') {
        await api('POST /api/studies/:studyId/archive', { params: { studyId: study.id }, body: { confirm } });
        return t('settings.archived', { id: study.id });
      }
      await api('POST /api/studies/:studyId/delete', { params: { studyId: study.id }, body: { confirm } });
      window.location.assign('/researcher');
      return t('settings.deleted', { id: study.id });
    });
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('tabs.settings')}</h2>
      {message && <p role="status">{message}</p>}
      <ErrorNote error={error} />
      <h3>{t('settings.pilot')}</h3>
      <p>{t(study.pilot ? 'settings.pilotOn' : 'settings.pilotOff')}</p>
      <button type="button" onClick={() => void pilot()}>
        {t(study.pilot ? 'settings.endPilot' : 'settings.startPilot')}
      </button>{' '}
      <button type="button" className="danger" onClick={() => void deleteTests()}>
        {t('settings.deleteTests')}
      </button>
      {user.role === 'admin' && (
        <>
          <h3>{t('settings.archive')}</h3>
          {study.archivedAt ? (
            <p>{t('settings.archivedOn', { date: format.dateTime(study.archivedAt) })}</p>
          ) : (
            <form onSubmit={confirmed('archive')} className="inline" aria-label={t('settings.archive')}>
              <label>
                {t('settings.typeToArchive', { id: study.id })}
                <input name="confirm" required autoComplete="off" />
              </label>
              <button type="submit">{t('settings.archive')}</button>
            </form>
          )}
          <h3>{t('settings.delete')}</h3>
          <form onSubmit={confirmed('delete')} className="inline" aria-label={t('settings.delete')}>
            <label>
              {t('settings.typeToDelete', { id: study.id })}
              <input name="confirm" required autoComplete="off" />
            </label>
            <button type="submit" className="danger">
              {t('settings.delete')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

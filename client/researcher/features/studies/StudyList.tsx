import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Link } from '../../components/Link.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study, type User } from '../../lib/api.ts';
import { NewStudyFromDefinition } from './NewStudyFromDefinition.tsx';

export function StudyList({ user }: { user: User }) {
  const { t } = useI18n();
  const { data: studies, error, reload } = useLoad(() => api('GET /api/studies'), []);
  const [createError, setCreateError] = useState<unknown>();

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      await api('POST /api/studies', { body: { id: String(form.get('id')), name: String(form.get('name')), kind: String(form.get('kind')) as Study['kind'] } });
      formElement.reset();
      setCreateError(undefined);
      reload();
    } catch (reason) {
      setCreateError(reason);
    }
  }

  return (
    <main>
      <h1>{t('studies.title')}</h1>
      <ErrorNote error={error} />
      {studies && studies.length === 0 && <p>{t(user.role === 'admin' ? 'studies.noneAdmin' : 'studies.noneResearcher')}</p>}
      <ul className="cards">
        {studies?.map((s) => (
          <li key={s.id}>
            <h2>
              <Link to={`/researcher/studies/${s.id}/waves`}>{s.name}</Link>
            </h2>
            <p>
              {s.id} · {t(`studies.kind.${s.kind}`)} ·{' '}
              {s.waves.map((w) => (w.open ? t('studies.waveOpen', { code: w.code }) : w.code)).join(', ') || t('studies.noWaves')}
            </p>
          </li>
        ))}
      </ul>
      {user.role === 'admin' && (
        <section aria-labelledby="new-study">
          <h2 id="new-study">{t('studies.new')}</h2>
          <form onSubmit={create} className="inline">
            <label>
              {t('fields.id')}
              <input name="id" required pattern="[a-z0-9][a-z0-9-]{0,39}" title={t('studies.idRule')} />
            </label>
            <label>
              {t('fields.name')}
              <input name="name" required maxLength={200} />
            </label>
            <label>
              {t('fields.kind')}
              <select name="kind" defaultValue="panel">
                <option value="panel">{t('studies.kindLong.panel')}</option>
                <option value="cross">{t('studies.kindLong.cross')}</option>
              </select>
            </label>
            <button type="submit">{t('studies.create')}</button>
          </form>
          <ErrorNote error={createError} />
        </section>
      )}
      {user.role === 'admin' && <NewStudyFromDefinition studies={studies ?? []} onCreated={reload} />}
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';
import { auditActions, describeEntry, type AuditEntry } from './audit-entries.ts';

const pageSize = 100;

/** The filters as the API's query: who, what, which study, from and to (whole days in local time). */
function filterQuery(form: FormData): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['userId', 'action', 'studyId']) {
    const value = String(form.get(name) ?? '');
    if (value) query.set(name, value);
  }
  const from = String(form.get('from') ?? '');
  const to = String(form.get('to') ?? '');
  if (from) query.set('from', new Date(`${from}T00:00`).toISOString());
  if (to) query.set('to', new Date(new Date(`${to}T00:00`).getTime() + 24 * 60 * 60 * 1000).toISOString());
  return query;
}

/** The audit log for admins: filtered, read as sentences in the workspace's language, downloadable as CSV. */
export function AuditPage() {
  const { t, format } = useI18n();
  const [query, setQuery] = useState(() => new URLSearchParams());
  const [olderPages, setOlderPages] = useState<AuditEntry[][]>([]);
  const [olderError, setOlderError] = useState<unknown>();
  const accounts = useLoad(() => api('GET /api/users'), []);
  const studies = useLoad(() => api('GET /api/studies'), []);
  const latest = useLoad(() => api('GET /api/audit', { query: { ...Object.fromEntries(query), limit: pageSize } }), [query.toString()]);
  const entries = [...(latest.data ?? []), ...olderPages.flat()];
  const hasMore = (olderPages.at(-1) ?? latest.data)?.length === pageSize;
  const names = new Map((accounts.data ?? []).map((a) => [a.id, a.username]));

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOlderPages([]);
    setQuery(filterQuery(new FormData(event.currentTarget)));
  }

  async function more() {
    try {
      const before = entries.at(-1)!.id;
      const page = await api('GET /api/audit', { query: { ...Object.fromEntries(query), before, limit: pageSize } });
      setOlderPages([...olderPages, page]);
    } catch (reason) {
      setOlderError(reason);
    }
  }

  return (
    <main>
      <h1>{t('audit.title')}</h1>
      <form onSubmit={filter} className="filters" aria-label={t('audit.filters')}>
        <label>
          {t('audit.who')}
          <select name="userId" defaultValue="">
            <option value="">{t('audit.anyone')}</option>
            {accounts.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.username}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.what')}
          <select name="action" defaultValue="">
            <option value="">{t('audit.anything')}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.study')}
          <select name="studyId" defaultValue="">
            <option value="">{t('audit.anyStudy')}</option>
            {studies.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')}
          <input type="date" name="from" />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" name="to" />
        </label>
        <button type="submit">{t('audit.filter')}</button>
        <a href={`/api/audit.csv?${query}`} download>
          {t('audit.csv')}
        </a>
      </form>
      <ErrorNote error={latest.error ?? olderError} />
      {!latest.data && !latest.error && <Loading />}
      {latest.data && (
        <table>
          <caption>{t('audit.caption', { count: entries.length, formatted: format.number(entries.length) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.study')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{format.dateTime(e.at)}</td>
                <td>{e.username ?? t('audit.commandLine')}</td>
                <th scope="row">{describeEntry(e, t, (id) => names.get(id) ?? `#${id}`)}</th>
                <td>{e.studyId ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button type="button" onClick={() => void more()}>
          {t('audit.older')}
        </button>
      )}
    </main>
  );
}

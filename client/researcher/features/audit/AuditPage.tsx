import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';

interface Entry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  studyId: string | null;
  detail: Record<string, unknown>;
}

export function AuditPage() {
  const { t, format } = useI18n();
  const { data, error } = useLoad(() => api<Entry[]>('/api/audit?limit=500'), []);
  return (
    <main>
      <h1>{t('audit.title')}</h1>
      <ErrorNote error={error} />
      <table>
        <caption>{t('audit.caption', { count: data?.length ?? 0, formatted: format.number(data?.length ?? 0) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.study')}</th>
            <th scope="col">{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.map((e) => (
            <tr key={e.id}>
              <td>{format.dateTime(e.at)}</td>
              <td>{e.username ?? t('audit.commandLine')}</td>
              <th scope="row">{e.action}</th>
              <td>{e.studyId ?? '–'}</td>
              <td>
                <code>{JSON.stringify(e.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

import { ErrorNote } from '../../components/ErrorNote.tsx';
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
  const { data, error } = useLoad(() => api<Entry[]>('/api/audit?limit=500'), []);
  return (
    <main>
      <h1>Audit log</h1>
      <ErrorNote error={error} />
      <table>
        <caption>The latest {data?.length ?? 0} entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Study</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {data?.map((e) => (
            <tr key={e.id}>
              <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.username ?? 'command line'}</td>
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

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { Link } from '../../components/Link.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study, type User } from '../../lib/api.ts';

export function StudyList({ user }: { user: User }) {
  const { data: studies, error, reload } = useLoad(() => api<Study[]>('/api/studies'), []);
  const [createError, setCreateError] = useState<unknown>();

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      await api('/api/studies', { body: { id: String(form.get('id')), name: String(form.get('name')), kind: String(form.get('kind')) } });
      formElement.reset();
      setCreateError(undefined);
      reload();
    } catch (reason) {
      setCreateError(reason);
    }
  }

  return (
    <main>
      <h1>Studies</h1>
      <ErrorNote error={error} />
      {studies && studies.length === 0 && <p>No studies yet{user.role === 'admin' ? '' : ': ask an admin to add you to one'}.</p>}
      <ul className="cards">
        {studies?.map((s) => (
          <li key={s.id}>
            <h2>
              <Link to={`/researcher/studies/${s.id}/waves`}>{s.name}</Link>
            </h2>
            <p>
              {s.id} · {s.kind === 'panel' ? 'panel (tokens)' : 'cross-sectional (anonymous)'} · {s.waves.map((w) => `${w.code}${w.open ? ' (open)' : ''}`).join(', ') || 'no waves'}
            </p>
          </li>
        ))}
      </ul>
      {user.role === 'admin' && (
        <section aria-labelledby="new-study">
          <h2 id="new-study">New study</h2>
          <form onSubmit={create} className="inline">
            <label>
              Id
              <input name="id" required pattern="[a-z0-9][a-z0-9-]{0,39}" title="lower-case letters, digits and hyphens" />
            </label>
            <label>
              Name
              <input name="name" required maxLength={200} />
            </label>
            <label>
              Kind
              <select name="kind" defaultValue="panel">
                <option value="panel">panel (tokens, linked waves)</option>
                <option value="cross">cross-sectional (anonymous)</option>
              </select>
            </label>
            <button type="submit">Create study</button>
          </form>
          <ErrorNote error={createError} />
        </section>
      )}
    </main>
  );
}

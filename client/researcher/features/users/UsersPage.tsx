import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study } from '../../lib/api.ts';

interface UserRow {
  id: number;
  username: string;
  role: 'admin' | 'researcher' | 'translator';
  disabled: boolean;
  studies: string[];
  languages: { lang: string; reviewer: boolean }[];
}

const translationLanguages = ['en', 'ar', 'tr', 'ti'];

/** A translator's languages: a checkbox to translate and one to review, per language. */
function LanguageGrants({ user, onSave }: { user: UserRow; onSave: (languages: UserRow['languages']) => void }) {
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        onSave(translationLanguages.filter((lang) => form.has(`translate-${lang}`)).map((lang) => ({ lang, reviewer: form.has(`review-${lang}`) })));
      }}
    >
      <fieldset>
        <legend>Languages of {user.username}</legend>
        {translationLanguages.map((lang) => {
          const grant = user.languages.find((g) => g.lang === lang);
          return (
            <span key={lang} className="grant">
              <label>
                <input type="checkbox" name={`translate-${lang}`} defaultChecked={grant !== undefined} /> {lang}
              </label>
              <label>
                <input type="checkbox" name={`review-${lang}`} defaultChecked={grant?.reviewer ?? false} /> review {lang}
              </label>
            </span>
          );
        })}
      </fieldset>
      <button type="submit">Save languages of {user.username}</button>
    </form>
  );
}

export function UsersPage() {
  const users = useLoad(() => api<UserRow[]>('/api/users'), []);
  const studies = useLoad(() => api<Study[]>('/api/studies'), []);
  const [error, setError] = useState<unknown>();

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(undefined);
      users.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    return run(async () => {
      await api('/api/users', { body: { username: String(form.get('username')), password: String(form.get('password')), role: String(form.get('role')) } });
      formElement.reset();
    });
  }

  return (
    <main>
      <h1>Accounts</h1>
      <ErrorNote error={users.error ?? error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Studies or languages</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.username}
                {u.disabled ? ' (disabled)' : ''}
              </th>
              <td>{u.role}</td>
              <td>
                {u.role === 'admin'
                  ? 'all'
                  : u.role === 'translator'
                    ? u.languages.map((g) => `${g.lang}${g.reviewer ? ' (reviews)' : ''}`).join(', ') || '–'
                    : u.studies.join(', ') || '–'}
              </td>
              <td>
                <button type="button" onClick={() => run(() => api(`/api/users/${u.id}/disabled`, { body: { disabled: !u.disabled } }))}>
                  {u.disabled ? 'Enable' : 'Disable'} {u.username}
                </button>
                {u.role === 'translator' && (
                  <LanguageGrants user={u} onSave={(languages) => void run(() => api(`/api/users/${u.id}/languages`, { method: 'PUT', body: { languages } }))} />
                )}
                {u.role === 'researcher' && (
                  <form
                    className="inline"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const studyId = String(new FormData(event.currentTarget).get('study'));
                      void run(() => api(`/api/studies/${studyId}/members/${u.id}`, { method: u.studies.includes(studyId) ? 'DELETE' : 'PUT' }));
                    }}
                  >
                    <label>
                      Study
                      <select name="study">
                        {studies.data?.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.id}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="submit">Add or remove</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>New account</h2>
      <form onSubmit={create} className="inline">
        <label>
          Username
          <input name="username" required pattern="[a-z0-9][a-z0-9._\-]{1,39}" autoComplete="off" />
        </label>
        <label>
          Password (at least 12 characters)
          <input name="password" type="password" minLength={12} required autoComplete="new-password" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="researcher">
            <option value="researcher">researcher</option>
            <option value="translator">translator</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">Create account</button>
      </form>
    </main>
  );
}

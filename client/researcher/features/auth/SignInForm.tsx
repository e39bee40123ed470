import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { api, setCsrfToken, type User } from '../../lib/api.ts';

export function SignInForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const session = await api<{ user: User; csrfToken: string }>('/api/auth/login', {
        body: { username: String(form.get('username')), password: String(form.get('password')) },
      });
      setCsrfToken(session.csrfToken);
      onSignedIn(session.user);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit}>
        <label>
          Username
          <input name="username" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

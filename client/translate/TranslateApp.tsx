import { useEffect, useState } from 'react';
import { api, setCsrfToken, signedOutEvent, type User } from '../researcher/lib/api.ts';
import { SignInForm } from '../researcher/features/auth/SignInForm.tsx';
import { TranslatorWorkspace } from './TranslatorWorkspace.tsx';

/** `/translate`: translators (and admins) sign in and work on the languages they were given. */
export function TranslateApp() {
  const [user, setUser] = useState<User | null>();

  useEffect(() => {
    api<{ user: User; csrfToken: string }>('/api/auth/session').then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setUser(session.user);
      },
      () => setUser(null),
    );
    const onSignedOut = () => {
      setCsrfToken(undefined);
      setUser(null);
    };
    window.addEventListener(signedOutEvent, onSignedOut);
    return () => window.removeEventListener(signedOutEvent, onSignedOut);
  }, []);

  if (user === undefined) return <p>Loading…</p>;
  if (user === null) return <SignInForm onSignedIn={setUser} />;

  async function signOut() {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(undefined);
    setUser(null);
  }

  return (
    <>
      <header className="top">
        <p>
          Translations · {user.username} ({user.role})
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <TranslatorWorkspace />
    </>
  );
}

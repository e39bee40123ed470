import { useEffect, useState } from 'react';
import { api, setCsrfToken, signedOutEvent, type User } from '../../lib/api.ts';

/**
 * The signed-in user: `undefined` while asking the server, `null` when nobody is signed in (or the
 * session ended: the server said so on some request). `setUser` after signing in; `reload` after
 * a change the session shows (a second factor set up); `signOut` ends it.
 */
export function useSession(): { user: User | null | undefined; setUser: (user: User | null) => void; reload: () => Promise<void>; signOut: () => Promise<void> } {
  const [user, setUser] = useState<User | null>();

  const reload = () =>
    api('GET /api/auth/session').then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setUser(session.user);
      },
      () => setUser(null),
    );

  useEffect(() => {
    void reload();
    const onSignedOut = () => {
      setCsrfToken(undefined);
      setUser(null);
    };
    window.addEventListener(signedOutEvent, onSignedOut);
    return () => window.removeEventListener(signedOutEvent, onSignedOut);
  }, []);

  async function signOut() {
    await api('POST /api/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    setUser(null);
  }

  return { user, setUser, reload, signOut };
}

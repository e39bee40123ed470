import { SignInForm } from '../researcher/features/auth/SignInForm.tsx';
import { useSession } from '../researcher/features/auth/useSession.ts';
import { TranslatorWorkspace } from './TranslatorWorkspace.tsx';

/** `/translate`: translators (and admins) sign in and work on the languages they were given. */
export function TranslateApp() {
  const { user, setUser, signOut } = useSession();

  if (user === undefined) return <p>Loading…</p>;
  if (user === null) return <SignInForm onSignedIn={setUser} />;

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

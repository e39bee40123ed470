import { Link } from '../components/Link.tsx';
import { navigate, usePath } from '../lib/router.ts';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { SignInForm } from '../features/auth/SignInForm.tsx';
import { useSession } from '../features/auth/useSession.ts';
import { StudyList } from '../features/studies/StudyList.tsx';
import { StudyPage, type StudyTab } from '../features/studies/StudyPage.tsx';
import { SurveysPage } from '../features/surveys/SurveysPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';

export function App({ tabs }: { tabs: StudyTab[] }) {
  const { user, setUser, signOut: endSession } = useSession();
  const path = usePath();

  if (user === undefined) return <p>Loading…</p>;
  if (user === null) return <SignInForm onSignedIn={setUser} />;
  if (user.role === 'translator') {
    return (
      <main className="narrow">
        <p>
          Translators work in the <a href="/translate">translator workspace</a>.
        </p>
      </main>
    );
  }

  async function signOut() {
    await endSession();
    navigate('/researcher');
  }

  const study = /^\/researcher\/studies\/([a-z0-9-]+)(?:\/([a-z-]+))?/.exec(path);
  let page;
  if (study) page = <StudyPage studyId={study[1]!} tab={study[2] ?? 'waves'} tabs={tabs} />;
  else if (path === '/researcher/audit' && user.role === 'admin') page = <AuditPage />;
  else if (path === '/researcher/users' && user.role === 'admin') page = <UsersPage />;
  else if (path === '/researcher/surveys' && user.role === 'admin') page = <SurveysPage />;
  else page = <StudyList user={user} />;

  return (
    <>
      <header className="top">
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/researcher" current={path === '/researcher'}>
                Studies
              </Link>
            </li>
            {user.role === 'admin' && (
              <>
                <li>
                  <Link to="/researcher/users" current={path === '/researcher/users'}>
                    Accounts
                  </Link>
                </li>
                <li>
                  <Link to="/researcher/surveys" current={path === '/researcher/surveys'}>
                    Surveys
                  </Link>
                </li>
                <li>
                  <Link to="/researcher/audit" current={path === '/researcher/audit'}>
                    Audit log
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
        <p>
          Signed in as {user.username} ({user.role}){' '}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </p>
      </header>
      {page}
    </>
  );
}

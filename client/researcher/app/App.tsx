import { useI18n } from '../components/I18n.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { navigate, usePath } from '../lib/router.ts';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { ResetPasswordPage } from '../features/account/ResetPasswordPage.tsx';
import { SetupPage } from '../features/account/SetupPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { SignInForm } from '../features/auth/SignInForm.tsx';
import { TranslatorNotice } from '../features/auth/TranslatorNotice.tsx';
import { useSession } from '../features/auth/useSession.ts';
import { StudyList } from '../features/studies/StudyList.tsx';
import { StudyPage, type StudyTab } from '../features/studies/StudyPage.tsx';
import { SurveysPage } from '../features/surveys/SurveysPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';

/** Pages that work without signing in: they carry their one-time code in the link. */
function PublicPage({ path }: { path: string }) {
  const done = () => navigate('/researcher');
  return (
    <>
      <header className="top">
        <span />
        <LanguageSwitch />
      </header>
      {path === '/researcher/setup' ? <SetupPage onDone={done} /> : <ResetPasswordPage onDone={done} />}
    </>
  );
}

export function App({ tabs }: { tabs: StudyTab[] }) {
  const { t } = useI18n();
  const { user, setUser, reload: reloadSession, signOut: endSession } = useSession();
  const path = usePath();

  if (path === '/researcher/setup' || path === '/researcher/reset') return <PublicPage path={path} />;
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <>
        <header className="top">
          <span />
          <LanguageSwitch />
        </header>
        <SignInForm onSignedIn={setUser} />
      </>
    );
  }

  async function signOut() {
    await endSession();
    navigate('/researcher');
  }

  const study = /^\/researcher\/studies\/([a-z0-9-]+)(?:\/([a-z-]+))?/.exec(path);
  // An account that must have a second factor and has none yet can only set it up (the server refuses the rest).
  const mustEnrol = user.secondFactor.required && !user.secondFactor.enabled;
  let page;
  if (mustEnrol || path === '/researcher/account') page = <AccountPage user={user} onChanged={() => void reloadSession()} />;
  else if (user.role === 'translator') page = <TranslatorNotice />;
  else if (study) page = <StudyPage studyId={study[1]!} tab={study[2] ?? 'waves'} tabs={tabs} user={user} />;
  else if (path === '/researcher/audit' && user.role === 'admin') page = <AuditPage />;
  else if (path === '/researcher/users' && user.role === 'admin') page = <UsersPage />;
  else if (path === '/researcher/surveys' && user.role === 'admin') page = <SurveysPage />;
  else page = <StudyList user={user} />;

  const adminPages = [
    ['/researcher/users', 'nav.accounts'],
    ['/researcher/surveys', 'nav.surveys'],
    ['/researcher/audit', 'nav.audit'],
  ] as const;
  return (
    <>
      <header className="top">
        <nav aria-label={t('nav.label')}>
          <ul>
            {user.role !== 'translator' && (
              <li>
                <Link to="/researcher" current={path === '/researcher'}>
                  {t('nav.studies')}
                </Link>
              </li>
            )}
            {user.role === 'admin' &&
              adminPages.map(([to, key]) => (
                <li key={to}>
                  <Link to={to} current={path === to}>
                    {t(key)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <p>
          {t('header.signedInAs', { username: user.username, role: t(`roles.${user.role}`) })}{' '}
          <Link to="/researcher/account" current={path === '/researcher/account'}>
            {t('nav.account')}
          </Link>{' '}
          <button type="button" onClick={signOut}>
            {t('header.signOut')}
          </button>
        </p>
        <LanguageSwitch />
      </header>
      {page}
    </>
  );
}

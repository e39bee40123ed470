import { useI18n } from '../researcher/components/I18n.tsx';
import { LanguageSwitch } from '../researcher/components/LanguageSwitch.tsx';
import { SignInForm } from '../researcher/features/auth/SignInForm.tsx';
import { useSession } from '../researcher/features/auth/useSession.ts';
import { TranslatorWorkspace } from './TranslatorWorkspace.tsx';

/** `/translate`: translators (and admins) sign in and work on the languages they were given. */
export function TranslateApp() {
  const { t } = useI18n();
  const { user, setUser, signOut } = useSession();

  if (user === undefined) return <p>{t('common.loading')}</p>;
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

  return (
    <>
      <header className="top">
        <p>
          {t('header.signedInAs', { username: user.username, role: t(`roles.${user.role}`) })}{' '}
          <button type="button" onClick={() => void signOut()}>
            {t('header.signOut')}
          </button>
        </p>
        <LanguageSwitch />
      </header>
      <TranslatorWorkspace />
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { api, type User } from '../../lib/api.ts';
import { newPasswordOf, NewPasswordFields } from './NewPasswordFields.tsx';
import { SecondFactor } from './SecondFactor.tsx';

function ChangePassword({ user }: { user: User }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const newPassword = newPasswordOf(form, t('account.mismatch'));
    if (newPassword === undefined) return;
    try {
      await api('POST /api/auth/password', { body: { currentPassword: String(new FormData(form).get('currentPassword')), newPassword } });
      form.reset();
      setDone(true);
      setError(undefined);
    } catch (reason) {
      setDone(false);
      setError(reason);
    }
  }

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.changePassword')}</h2>
      <form onSubmit={submit} className="narrow-form">
        <input type="hidden" name="username" autoComplete="username" value={user.username} />
        <label>
          {t('account.currentPassword')}
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <NewPasswordFields />
        <ErrorNote error={error} />
        {done && <p role="status">{t('account.passwordChanged')}</p>}
        <button type="submit">{t('account.changePassword')}</button>
      </form>
    </section>
  );
}

/** The signed-in user's own account: the password and the second factor. */
export function AccountPage({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { t } = useI18n();
  return (
    <main>
      <h1>{t('account.title')}</h1>
      <p>{t('account.who', { username: user.username, role: t(`roles.${user.role}`) })}</p>
      <SecondFactor user={user} onChanged={onChanged} />
      <ChangePassword user={user} />
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';
import { linkCode, newPasswordOf, NewPasswordFields, useLinkForm } from './NewPasswordFields.tsx';

/** A new password with the one-time link an admin made. */
export function ResetPasswordPage({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [code] = useState(linkCode);
  const account = useLoad(() => api('POST /api/auth/reset/check', { body: { code } }), [code]);
  const { done, error, send } = useLinkForm<true>('/researcher/reset');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = newPasswordOf(event.currentTarget, t('account.mismatch'));
    if (newPassword === undefined) return;
    await send(async () => {
      await api('POST /api/auth/reset', { body: { code, newPassword } });
      return true;
    });
  }

  return (
    <main className="narrow">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <>
          <p role="status">{t('reset.done')}</p>
          <button type="button" onClick={onDone}>
            {t('setup.toSignIn')}
          </button>
        </>
      ) : account.error ? (
        <ErrorNote error={account.error} />
      ) : account.data ? (
        <form onSubmit={submit}>
          <p>{t('reset.intro', { username: account.data.username })}</p>
          <input type="hidden" name="username" autoComplete="username" value={account.data.username} />
          <NewPasswordFields />
          <ErrorNote error={error} />
          <button type="submit">{t('reset.submit')}</button>
        </form>
      ) : null}
    </main>
  );
}

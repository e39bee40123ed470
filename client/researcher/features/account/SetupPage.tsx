import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api } from '../../lib/api.ts';
import { linkCode, newPasswordOf, NewPasswordFields, useLinkForm } from './NewPasswordFields.tsx';

/** First run: the link the server printed on its console makes the first admin. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [code] = useState(linkCode);
  const check = useLoad(() => api('POST /api/setup/check', { body: { code } }), [code]);
  const { done, error, send } = useLinkForm<string>('/researcher/setup');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get('username'));
    const password = newPasswordOf(event.currentTarget, t('account.mismatch'));
    if (password === undefined) return;
    await send(async () => (await api('POST /api/setup', { body: { code, username, password } })).username);
  }

  return (
    <main className="narrow">
      <h1>{t('setup.title')}</h1>
      {done ? (
        <>
          <p role="status">{t('setup.done', { username: done })}</p>
          <button type="button" onClick={onDone}>
            {t('setup.toSignIn')}
          </button>
        </>
      ) : check.error ? (
        <ErrorNote error={check.error} />
      ) : (
        <>
          <p>{t('setup.intro')}</p>
          <form onSubmit={submit}>
            <label>
              {t('fields.username')}
              <input name="username" autoComplete="username" required autoCapitalize="none" spellCheck={false} pattern="[a-z0-9][a-z0-9._\-]{1,39}" aria-describedby="username-rule" />
            </label>
            <p id="username-rule" className="hint">
              {t('account.usernameRule')}
            </p>
            <NewPasswordFields />
            <ErrorNote error={error} />
            <button type="submit">{t('setup.submit')}</button>
          </form>
        </>
      )}
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, ApiError, setCsrfToken, type User } from '../../lib/api.ts';

export function SignInForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [askCode, setAskCode] = useState(false);
  const setup = useLoad(() => api('GET /api/setup'), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const secondFactor = String(form.get('secondFactor') ?? '');
      const session = await api('POST /api/auth/login', {
        body: { username: String(form.get('username')), password: String(form.get('password')), ...(secondFactor ? { secondFactor } : {}) },
      });
      setCsrfToken(session.csrfToken);
      onSignedIn(session.user);
    } catch (reason) {
      // The password was right and the account has a second factor: ask for its code, keep the rest.
      if (reason instanceof ApiError && reason.code === 'second_factor_required') {
        setAskCode(true);
        setError(undefined);
        return;
      }
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="narrow">
      <h1>{t('signIn.title')}</h1>
      {setup.data?.needed && (
        <p role="status" className="notice">
          {t('signIn.setupHint')}
        </p>
      )}
      <form onSubmit={submit}>
        <label>
          {t('fields.username')}
          <input name="username" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
        </label>
        <label>
          {t('fields.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {askCode && (
          <>
            <label>
              {t('totp.code')}
              <input name="secondFactor" autoComplete="one-time-code" inputMode="text" required autoFocus spellCheck={false} aria-describedby="code-hint" />
            </label>
            <p id="code-hint" className="hint">
              {t('totp.codeHint')}
            </p>
          </>
        )}
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p className="hint">{t('signIn.forgotten')}</p>
    </main>
  );
}

import { useState } from 'react';
import { useI18n } from '../../components/I18n.tsx';

/** A new password typed twice; the server checks its strength and says why it refuses one. */
export function NewPasswordFields() {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('account.newPassword')}
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={12} aria-describedby="password-rule" />
      </label>
      <p id="password-rule" className="hint">
        {t('account.passwordRule')}
      </p>
      <label>
        {t('account.repeatPassword')}
        <input name="repeatPassword" type="password" autoComplete="new-password" required />
      </label>
    </>
  );
}

/** The new password from the form, or undefined (with the input marked) when the two differ. */
export function newPasswordOf(form: HTMLFormElement, mismatch: string): string | undefined {
  const data = new FormData(form);
  const repeat = form.elements.namedItem('repeatPassword') as HTMLInputElement;
  if (data.get('newPassword') !== data.get('repeatPassword')) {
    repeat.setCustomValidity(mismatch);
    repeat.reportValidity();
    repeat.addEventListener('input', () => repeat.setCustomValidity(''), { once: true });
    return undefined;
  }
  return String(data.get('newPassword'));
}

/** The one-time code a setup or reset link carries after `#code=` (never sent to the server in the URL). */
export function linkCode(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('code') ?? '';
}

/**
 * Sending a one-time link's form: its result once done (the code is then dropped from the
 * address bar, as it no longer works), or the error to show.
 */
export function useLinkForm<T>(page: string): { done: T | undefined; error: unknown; send: (action: () => Promise<T>) => Promise<void> } {
  const [done, setDone] = useState<T>();
  const [error, setError] = useState<unknown>();
  async function send(action: () => Promise<T>) {
    try {
      setDone(await action());
      setError(undefined);
      window.history.replaceState(null, '', page);
    } catch (reason) {
      setError(reason);
    }
  }
  return { done, error, send };
}

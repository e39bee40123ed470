import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import type { Enrolment } from '../../../../shared/contract/auth.ts';
import { api, type User } from '../../lib/api.ts';
import { navigate } from '../../lib/router.ts';

/** The recovery codes, shown once right after enrolment: to print or keep in a password manager. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  return (
    <div role="status" className="notice">
      <p>{t('totp.recoveryIntro')}</p>
      <ul className="recovery-codes" translate="no" aria-label={t('totp.recoveryLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The second factor on My account: set up an authenticator app from a QR code (or the key typed
 * in), confirmed by its first code, after which ten recovery codes are shown once.
 */
export function SecondFactor({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { t, format } = useI18n();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [error, setError] = useState<unknown>();
  const status = user.secondFactor;

  async function start() {
    try {
      setEnrolment(await api('POST /api/auth/second-factor/enrolment'));
      setError(undefined);
    } catch (reason) {
      setError(reason);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code'));
    try {
      const result = await api('POST /api/auth/second-factor/confirmation', { body: { code } });
      setRecoveryCodes(result.recoveryCodes);
      setEnrolment(undefined);
      setError(undefined);
      // Stay on My account (also when setting up was required first): the recovery codes are shown only here, only now.
      navigate('/researcher/account');
      onChanged();
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <section aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('totp.title')}</h2>
      {status.required && !status.enabled && (
        <p role="alert" className="notice">
          {t('totp.requiredFirst')}
        </p>
      )}
      <p>{status.enabled ? t('totp.enabled', { left: format.number(status.recoveryCodesLeft) }) : t('totp.explain')}</p>
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} />}
      {!enrolment && (
        <button type="button" onClick={() => void start()}>
          {status.enabled ? t('totp.replace') : t('totp.setUp')}
        </button>
      )}
      {enrolment && (
        <form onSubmit={confirm} className="narrow-form">
          <p>{t('totp.scan')}</p>
          <img src={enrolment.qrCode} alt={t('totp.qrAlt')} width={200} height={200} />
          <p>
            {t('totp.typeKey')} <code translate="no">{enrolment.secret}</code>
          </p>
          <label>
            {t('totp.firstCode')}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" required spellCheck={false} />
          </label>
          <button type="submit">{t('totp.confirm')}</button>
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

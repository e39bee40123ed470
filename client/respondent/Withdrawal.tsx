import { useEffect, useRef, useState } from 'react';
import { request } from '../shared/api-client.ts';
import { ErrorMessage } from '../shared/ErrorMessage.tsx';
import { useT } from '../shared/i18n-react.tsx';
import type { Language } from '../shared/languages.ts';
import { TokenForm } from '../shared/TokenForm.tsx';

/** `POST /api/respondent/withdrawal`: deletes the answers of every wave; the code stops working. */
function withdraw(token: string, locale: Language) {
  return request('POST /api/respondent/withdrawal', { body: { token, locale } });
}

type Step = { name: 'token' } | { name: 'confirm'; token: string } | { name: 'done'; message: string };

/**
 * "Delete my answers": the respondent types the code of their letter, reads plainly what will be
 * deleted, and confirms. The code is held only until the answer comes back.
 */
export function Withdrawal({ language, initialToken, onBack }: { language: Language; initialToken: string; onBack: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ name: 'token' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [step.name]);

  async function confirm(token: string) {
    setBusy(true);
    setError(null);
    try {
      const { message } = await withdraw(token, language);
      setStep({ name: 'done', message });
    } catch (failure) {
      setError(failure);
      setStep({ name: 'token' });
    } finally {
      setBusy(false);
    }
  }

  if (step.name === 'done') {
    return (
      <section className="entry" aria-labelledby="withdrawal-heading">
        <h1 id="withdrawal-heading" ref={heading} tabIndex={-1}>
          {t('withdrawal.heading')}
        </h1>
        <p className="message message--done" role="status">
          {step.message || t('withdrawal.done')}
        </p>
      </section>
    );
  }

  if (step.name === 'confirm') {
    return (
      <section className="entry" aria-labelledby="withdrawal-heading">
        <h1 id="withdrawal-heading" ref={heading} tabIndex={-1}>
          {t('withdrawal.confirmHeading')}
        </h1>
        <p className="entry__intro">{t('withdrawal.confirmText')}</p>
        <div className="withdrawal__actions">
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm(step.token)}>
            {busy ? t('withdrawal.deleting') : t('withdrawal.confirm')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={onBack}>
            {t('withdrawal.back')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="entry" aria-labelledby="withdrawal-heading">
      <h1 id="withdrawal-heading" ref={heading} tabIndex={-1}>
        {t('withdrawal.heading')}
      </h1>
      <p className="entry__intro">{t('withdrawal.intro')}</p>
      <ErrorMessage error={error} language={language} />
      <TokenForm initial={initialToken} busy={false} submitLabel="withdrawal.next" onSubmit={(token) => setStep({ name: 'confirm', token })} />
      <div className="withdrawal__actions">
        <button type="button" className="button" onClick={onBack}>
          {t('withdrawal.back')}
        </button>
      </div>
    </section>
  );
}

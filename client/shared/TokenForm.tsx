import { useId, useState, type FormEvent } from 'react';
import { checkToken, groupToken } from './token.ts';
import { useT } from './i18n-react.tsx';

/**
 * The token field: large, grouped as printed on the letter while typing, checked (length,
 * characters, check character) before anything is sent. No autofill: kiosks are shared.
 * The button says "start" unless `submitLabel`/`busyLabel` (message keys) say otherwise.
 */
export function TokenForm({
  initial = '',
  busy,
  onSubmit,
  submitLabel = 'entry.start',
  busyLabel = 'entry.starting',
}: {
  initial?: string;
  busy: boolean;
  onSubmit: (token: string) => void;
  submitLabel?: string;
  busyLabel?: string;
}) {
  const t = useT();
  const [value, setValue] = useState(groupToken(initial));
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkToken(value);
    if (!checked.ok) {
      setProblem(`token.${checked.reason}`);
      return;
    }
    setProblem(null);
    onSubmit(checked.token);
  }

  return (
    <form className="token-form" onSubmit={submit} autoComplete="off" noValidate>
      <label htmlFor={`${id}-token`} className="token-form__label">
        {t('entry.tokenLabel')}
      </label>
      <p id={`${id}-hint`} className="token-form__hint">
        {t('entry.tokenHint')}
      </p>
      <input
        id={`${id}-token`}
        className="token-form__input"
        name="token"
        dir="ltr"
        inputMode="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
        onChange={(event) => {
          setValue(groupToken(event.target.value));
          setProblem(null);
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="message message--error" role="alert">
          {t(problem)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t(busyLabel) : t(submitLabel)}
      </button>
    </form>
  );
}

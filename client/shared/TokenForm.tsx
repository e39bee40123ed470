import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { caretAfter, checkToken, codeCharactersBefore, extractToken, groupOf, groupToken } from './token.ts';
import { useT } from './i18n-react.tsx';

/**
 * The token field: large, grouped as printed on the letter while typing, checked (length,
 * characters, check character) before anything is sent. No autofill: kiosks are shared.
 * Editing behaves as in any text field although hyphens come and go: the caret stays after the
 * same character, Backspace just after a hyphen deletes the character before it, and a pasted
 * link or "Code: …" line gives its code. An impossible character is named with its group.
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
  const [problem, setProblem] = useState<{ key: string; values?: Record<string, string> } | null>(null);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (caret.current === null || !input.current) return;
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);

  /** Shows `text` grouped, the caret after the same `count` characters of the code. */
  function change(text: string, count: number) {
    const grouped = groupToken(text);
    caret.current = caretAfter(grouped, count);
    setValue(grouped);
    setProblem(null);
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    const field = event.currentTarget;
    const at = field.selectionStart ?? 0;
    if (event.key !== 'Backspace' || at !== field.selectionEnd || field.value[at - 1] !== '-') return;
    event.preventDefault();
    const count = codeCharactersBefore(field.value, at);
    const remove = caretAfter(field.value, count) - 1;
    if (remove >= 0) change(field.value.slice(0, remove) + field.value.slice(remove + 1), count - 1);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkToken(value);
    if (!checked.ok) {
      setProblem(
        checked.reason === 'characters'
          ? { key: 'token.characters', values: { char: checked.char, group: String(groupOf(checked.position)) } }
          : { key: `token.${checked.reason}` },
      );
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
        ref={input}
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
        onKeyDown={keyDown}
        onChange={(event) => {
          const typed = event.target.value;
          const code = extractToken(typed);
          if (code !== typed) change(code, code.length);
          else change(typed, codeCharactersBefore(typed, event.target.selectionStart ?? typed.length));
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="message message--error" role="alert">
          {t(problem.key, problem.values)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t(busyLabel) : t(submitLabel)}
      </button>
    </form>
  );
}

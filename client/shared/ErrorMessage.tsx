import { ApiError, errorMessageKey } from './api-client.ts';
import { useT } from './i18n-react.tsx';
import type { Language } from './languages.ts';

/** A refusal or failure in the respondent's language, announced to screen readers. */
export function ErrorMessage({ error, language }: { error: unknown; language: Language }) {
  const t = useT();
  if (error == null) return null;
  const key = errorMessageKey(error);
  const opensAt = error instanceof ApiError ? error.details?.opensAt : undefined;
  const date =
    typeof opensAt === 'string' && !Number.isNaN(Date.parse(opensAt))
      ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(opensAt))
      : '';
  return (
    <p className="message message--error" role="alert">
      {t(key, { date })}
    </p>
  );
}

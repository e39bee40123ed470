import { ApiError, errorMessageKey } from './api-client.ts';
import { useT } from './i18n-react.tsx';
import type { Language } from './languages.ts';

/** A date in the language; digits only (no foreign month names) where the browser does not know it. */
export function formatDate(date: Date, language: Language): string {
  if (Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0) {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }
  return new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A refusal or failure in the respondent's language, announced to screen readers. */
export function ErrorMessage({ error, language }: { error: unknown; language: Language }) {
  const t = useT();
  if (error == null) return null;
  const key = errorMessageKey(error);
  const opensAt = error instanceof ApiError ? error.details?.opensAt : undefined;
  const date = typeof opensAt === 'string' && !Number.isNaN(Date.parse(opensAt)) ? formatDate(new Date(opensAt), language) : '';
  return (
    <p className="message message--error" role="alert">
      {t(key, { date })}
    </p>
  );
}

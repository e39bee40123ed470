import { ApiError } from '../lib/api.ts';
import { errorText } from '../lib/i18n.ts';
import { useI18n } from './I18n.tsx';

/** A problem the user should read, in the workspace's language (by the API's code): announced to screen readers at once. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorText(t, error)}
      {error instanceof ApiError && typeof error.details?.problem === 'string' && (
        <>
          {' '}
          {/* The technical problem in an uploaded file, as the server names it (in English). */}
          <span lang="en">{error.details.problem}</span>
        </>
      )}
    </p>
  );
}

import { useI18n } from '../../components/I18n.tsx';
import type { Publication, VersionChange } from '../../../../shared/contract/surveys.ts';

function ChangeItem({ change }: { change: VersionChange }) {
  const { t } = useI18n();
  const { role, ...params } = change.params;
  const what = t(`surveys.change.${change.code}`, { ...params, ...(role ? { role: t(`surveys.change.roles.${role}`) } : {}), defaultValue: change.what });
  return <li>{change.question ? <><code translate="no">{change.question}</code>: {what}</> : what}</li>;
}

/** What the uploaded definition changes against the latest version: breaking changes first, in red. */
export function VersionDiff({ diff }: { diff: Publication }) {
  const { t } = useI18n();
  const { surveyId, version, previousVersion, breaking, safe } = diff;
  return (
    <section aria-labelledby="diff-heading">
      <h3 id="diff-heading">
        {previousVersion === null ? t('surveys.diff.new', { survey: surveyId, version }) : t('surveys.diff.changes', { survey: surveyId, previous: previousVersion, version })}
      </h3>
      {previousVersion !== null && breaking.length === 0 && <p role="status">{t('surveys.diff.noBreaking')}</p>}
      {breaking.length > 0 && (
        <div className="notice">
          <h4 className="error">{t('surveys.diff.breaking', { count: breaking.length })}</h4>
          <p>{t('surveys.diff.breakingHint', { previous: previousVersion, version })}</p>
          <ul className="error">
            {breaking.map((c) => (
              <ChangeItem key={`${c.question ?? ''}-${c.what}`} change={c} />
            ))}
          </ul>
        </div>
      )}
      {safe.length > 0 && (
        <>
          <h4>{t('surveys.diff.safe', { count: safe.length })}</h4>
          <p className="hint">{t('surveys.diff.safeHint')}</p>
          <ul>
            {safe.map((c) => (
              <ChangeItem key={`${c.question ?? ''}-${c.what}`} change={c} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

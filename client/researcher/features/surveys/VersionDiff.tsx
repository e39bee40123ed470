import type { Publication, VersionChange } from './surveys-api.ts';

function ChangeItem({ change }: { change: VersionChange }) {
  return <li>{change.question ? <><code>{change.question}</code>: {change.what}</> : change.what}</li>;
}

/** What the uploaded definition changes against the latest version: breaking changes first, in red. */
export function VersionDiff({ diff }: { diff: Publication }) {
  const { surveyId, version, previousVersion, breaking, safe } = diff;
  return (
    <section aria-labelledby="diff-heading">
      <h3 id="diff-heading">
        {previousVersion === null ? `A new survey: ${surveyId} version ${version}` : `Changes from ${surveyId} version ${previousVersion} to version ${version}`}
      </h3>
      {previousVersion !== null && breaking.length === 0 && <p role="status">No breaking changes: answers to both versions can be compared and combined.</p>}
      {breaking.length > 0 && (
        <div className="notice">
          <h4 className="error">
            {breaking.length} breaking change{breaking.length === 1 ? '' : 's'}
          </h4>
          <p>
            For these questions, answers given to version {previousVersion} and to version {version} cannot be compared or put in one column: a question that is gone has no
            new answers, a question of another type has answers of another kind, and an answer value that is gone (or renamed) no longer means what it meant.
          </p>
          <ul className="error">
            {breaking.map((c) => (
              <ChangeItem key={`${c.question ?? ''}-${c.what}`} change={c} />
            ))}
          </ul>
        </div>
      )}
      {safe.length > 0 && (
        <>
          <h4>
            {safe.length} safe change{safe.length === 1 ? '' : 's'}
          </h4>
          <p className="hint">Answers stay comparable. Changed wording needs new translations: the translation report lists those keys as stale.</p>
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

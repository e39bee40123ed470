import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { listSurveyVersions, publishVersion, surveyIdPattern, type Publication, type SurveyVersion } from './surveys-api.ts';
import { VersionDiff } from './VersionDiff.tsx';

const newSurvey = '';

function SurveyTable({ versions }: { versions: SurveyVersion[] }) {
  const ids = [...new Set(versions.map((v) => v.id))];
  return (
    <table>
      <caption>Installed surveys</caption>
      <thead>
        <tr>
          <th scope="col">Survey</th>
          <th scope="col">Versions</th>
          <th scope="col">Title of the latest version</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => {
          const of = versions.filter((v) => v.id === id);
          return (
            <tr key={id}>
              <th scope="row">{id}</th>
              <td>{of.map((v) => v.version).join(', ')}</td>
              <td>{of.at(-1)?.title}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Survey versions, and publishing the next one during fieldwork (admin). */
export function SurveysPage() {
  const versions = useLoad(listSurveyVersions, []);
  const ids = [...new Set((versions.data ?? []).map((v) => v.id))];
  const [chosen, setChosen] = useState<string>();
  const [newId, setNewId] = useState('');
  const [definition, setDefinition] = useState<object>();
  const [diff, setDiff] = useState<Publication>();
  const [accepted, setAccepted] = useState(false);
  const [published, setPublished] = useState<Publication>();
  const [error, setError] = useState<unknown>();
  const surveyId = (chosen ?? ids[0] ?? newSurvey) === newSurvey ? newId : (chosen ?? ids[0]!);
  const validId = new RegExp(`^${surveyIdPattern}$`).test(surveyId);

  useEffect(() => {
    setDiff(undefined);
    setAccepted(false);
    if (!definition || !validId) return;
    let current = true;
    publishVersion(surveyId, { definition, preview: true }).then(
      (result) => current && (setDiff(result), setError(undefined)),
      (reason: unknown) => current && setError(reason),
    );
    return () => {
      current = false;
    };
  }, [surveyId, validId, definition]);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setPublished(undefined);
    setDefinition(undefined);
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('it holds no JSON object');
      setDefinition(parsed);
      setError(undefined);
    } catch (reason) {
      setError(new Error(`${file.name} cannot be read as a SurveyJS definition: ${(reason as Error).message}`));
    }
  }

  async function publish(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!definition || !diff) return;
    const form = event.currentTarget;
    try {
      const result = await publishVersion(surveyId, { definition, allowBreaking: accepted });
      setPublished(result);
      setDefinition(undefined);
      setError(undefined);
      form.reset();
      versions.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  const mustAccept = (diff?.breaking.length ?? 0) > 0;
  return (
    <main>
      <h1>Surveys</h1>
      <ErrorNote error={versions.error} />
      {versions.data && <SurveyTable versions={versions.data} />}
      <h2>Publish a new version</h2>
      <p className="hint">
        Upload a SurveyJS definition (JSON, Dutch source text inline). It is checked as at start-up and compared with the latest version before anything is published. A
        published version is never changed; waves keep their version until you point them at the new one in the study&apos;s Waves tab, and a response already started
        keeps the version it started with.
      </p>
      <form onSubmit={publish}>
        <div>
          <label>
            Survey
            <select value={chosen ?? ids[0] ?? newSurvey} onChange={(e) => setChosen(e.target.value)}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
              <option value={newSurvey}>A new survey…</option>
            </select>
          </label>
          {(chosen ?? ids[0] ?? newSurvey) === newSurvey && (
            <label>
              New survey id
              <input value={newId} onChange={(e) => setNewId(e.target.value)} required pattern={surveyIdPattern} placeholder="eaa-t3" autoComplete="off" />
            </label>
          )}
          <label>
            Definition file (JSON)
            <input type="file" accept=".json,application/json" onChange={choose} />
          </label>
        </div>
        <ErrorNote error={error} />
        {diff && <VersionDiff diff={diff} />}
        {diff && mustAccept && (
          <label>
            <span>
              <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> I accept the breaking changes
            </span>
          </label>
        )}
        {diff && (
          <button type="submit" disabled={mustAccept && !accepted}>
            Publish {diff.surveyId} version {diff.version}
          </button>
        )}
      </form>
      {published && (
        <p role="status">
          {published.surveyId} version {published.version} is published and served now. Point a wave at it in the study&apos;s Waves tab.
        </p>
      )}
    </main>
  );
}

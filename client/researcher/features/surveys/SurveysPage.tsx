import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { Publication, SurveyListItem } from '../../../../shared/contract/surveys.ts';
import { listSurveyVersions, publishVersion, surveyIdPattern } from './surveys-api.ts';
import { VersionDiff } from './VersionDiff.tsx';
import { forgetUnpublished, keepUnpublished } from '../../../shared/unpublished-survey.ts';
import { UnpublishedPreview } from './UnpublishedPreview.tsx';

const newSurvey = '';

function SurveyTable({ versions }: { versions: SurveyListItem[] }) {
  const { t } = useI18n();
  const ids = [...new Set(versions.map((v) => v.id))];
  return (
    <table>
      <caption>{t('surveys.installed')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('surveys.survey')}</th>
          <th scope="col">{t('surveys.versions')}</th>
          <th scope="col">{t('surveys.latestTitle')}</th>
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
  const { t } = useI18n();
  const versions = useLoad(listSurveyVersions, []);
  const ids = [...new Set((versions.data ?? []).map((v) => v.id))];
  const [chosen, setChosen] = useState<string>();
  const [newId, setNewId] = useState('');
  const [definition, setDefinition] = useState<object>();
  const [diff, setDiff] = useState<Publication>();
  const [accepted, setAccepted] = useState(false);
  const [published, setPublished] = useState<Publication>();
  const [error, setError] = useState<unknown>();
  const [fileProblem, setFileProblem] = useState<string>();
  const surveyId = (chosen ?? ids[0] ?? newSurvey) === newSurvey ? newId : (chosen ?? ids[0]!);
  const validId = new RegExp(`^${surveyIdPattern}$`).test(surveyId);

  useEffect(() => {
    setDiff(undefined);
    setAccepted(false);
    if (!definition || !validId) return;
    let current = true;
    publishVersion(surveyId, { definition, preview: true }).then(
      (result) => {
        if (!current) return;
        keepUnpublished(surveyId, definition);
        setDiff(result);
        setError(undefined);
      },
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
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('no JSON object');
      setDefinition(parsed);
      setError(undefined);
    } catch {
      setError(undefined);
      setFileProblem(file.name);
      return;
    }
    setFileProblem(undefined);
  }

  async function publish(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!definition || !diff) return;
    const form = event.currentTarget;
    try {
      const result = await publishVersion(surveyId, { definition, allowBreaking: accepted });
      setPublished(result);
      forgetUnpublished(surveyId);
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
      <h1>{t('nav.surveys')}</h1>
      <ErrorNote error={versions.error} />
      {versions.data && <SurveyTable versions={versions.data} />}
      <h2>{t('surveys.publishTitle')}</h2>
      <p className="hint">{t('surveys.publishHint')}</p>
      <form onSubmit={publish}>
        <div>
          <label>
            {t('surveys.survey')}
            <select value={chosen ?? ids[0] ?? newSurvey} onChange={(e) => setChosen(e.target.value)}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
              <option value={newSurvey}>{t('surveys.newSurvey')}</option>
            </select>
          </label>
          {(chosen ?? ids[0] ?? newSurvey) === newSurvey && (
            <label>
              {t('surveys.newId')}
              <input value={newId} onChange={(e) => setNewId(e.target.value)} required pattern={surveyIdPattern} placeholder={t('surveys.newIdExample')} autoComplete="off" />
            </label>
          )}
          <label>
            {t('surveys.file')}
            <input type="file" accept=".json,application/json" onChange={choose} />
          </label>
        </div>
        <ErrorNote error={error} />
        {fileProblem && (
          <p role="alert" className="error">
            {t('surveys.unreadable', { file: fileProblem })}
          </p>
        )}
        {diff && <VersionDiff diff={diff} />}
        {diff && <UnpublishedPreview surveyId={diff.surveyId} version={diff.version} />}
        {diff && mustAccept && (
          <label>
            <span>
              <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> {t('surveys.acceptBreaking')}
            </span>
          </label>
        )}
        {diff && (
          <button type="submit" disabled={mustAccept && !accepted}>
            {t('surveys.publish', { survey: diff.surveyId, version: diff.version })}
          </button>
        )}
      </form>
      {published && (
        <p role="status">
          {t('surveys.published', { survey: published.surveyId, version: published.version })}
        </p>
      )}
    </main>
  );
}

import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import type { StudyProblem } from '../../../../shared/contract/studies.ts';
import { api, ApiError, type Study } from '../../lib/api.ts';

/** Admins start a study from its own definition (a `study.json` file), or from a copy of another study's. */
export function NewStudyFromDefinition({ studies, onCreated }: { studies: Study[]; onCreated: () => void }) {
  const { t } = useI18n();
  const [problems, setProblems] = useState<StudyProblem[]>();
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<unknown>();

  function failed(reason: unknown) {
    setCreated(undefined);
    if (reason instanceof ApiError && Array.isArray(reason.details?.problems)) {
      setProblems(reason.details.problems as StudyProblem[]);
      setError(undefined);
    } else {
      setProblems(undefined);
      setError(reason);
    }
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    let definition: unknown;
    try {
      definition = JSON.parse(await file.text());
    } catch (reason) {
      failed(undefined);
      setProblems([{ file: file.name, path: '', message: t('newStudy.notJson', { detail: (reason as Error).message }) }]);
      return;
    }
    try {
      const study = await api('POST /api/studies/from-definition', { body: { definition } });
      setCreated(t('newStudy.created', { id: study.id, title: study.title, file: file.name }));
      setProblems(undefined);
      setError(undefined);
      onCreated();
    } catch (reason) {
      failed(reason);
    }
    event.target.value = '';
  }

  async function copy(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get('title') ?? '');
    try {
      const study = await api('POST /api/studies/:studyId/copy', { params: { studyId: String(form.get('source')) }, body: { id: String(form.get('id')), ...(title ? { title } : {}) } });
      setCreated(t('newStudy.copied', { id: study.id }));
      setProblems(undefined);
      setError(undefined);
      onCreated();
    } catch (reason) {
      failed(reason);
    }
  }

  return (
    <section aria-labelledby="new-study-definition">
      <h2 id="new-study-definition">{t('newStudy.heading')}</h2>
      <p className="hint">{t('newStudy.hint')}</p>
      <label>
        {t('newStudy.file')}
        <input type="file" accept=".json,application/json" onChange={(event) => void upload(event)} />
      </label>
      {studies.length > 0 && (
        <form onSubmit={(event) => void copy(event)} className="inline" aria-label={t('newStudy.copyLabel')}>
          <label>
            {t('newStudy.copyOf')}
            <select name="source">
              {studies.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('newStudy.newId')}
            <input name="id" required pattern="[a-z0-9][a-z0-9-]{0,39}" title={t('newStudy.idRule')} />
          </label>
          <label>
            {t('newStudy.title')}
            <input name="title" maxLength={200} />
          </label>
          <button type="submit">{t('newStudy.copy')}</button>
        </form>
      )}
      {created && <p role="status">{created}</p>}
      {problems && (
        <div role="alert">
          <h3>{t('newStudy.problems', { count: problems.length })}</h3>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}-${p.message}`}>
                {p.path ? t('newStudy.problemAt', { file: p.file, path: p.path, message: p.message }) : t('newStudy.problem', { file: p.file, message: p.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

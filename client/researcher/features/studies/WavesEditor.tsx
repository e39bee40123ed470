import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { SurveyListItem } from '../../../../shared/contract/surveys.ts';
import { api, type Study, type Wave } from '../../lib/api.ts';

/** `datetime-local` works in local time; the API in ISO UTC. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

function WaveRow({ studyId, wave, surveys, onChanged }: { studyId: string; wave: Wave; surveys: SurveyListItem[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const params = { studyId, waveId: wave.id };

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(undefined);
      onChanged();
    } catch (reason) {
      setError(reason);
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [surveyId, version] = String(form.get('survey')).split('@');
    return run(() =>
      api('PATCH /api/studies/:studyId/waves/:waveId', {
        params,
        body: { surveyId, surveyVersion: Number(version), opensAt: fromLocalInput(String(form.get('opensAt'))), closesAt: fromLocalInput(String(form.get('closesAt'))) },
      }),
    );
  }

  return (
    <tr>
      <th scope="row">
        {wave.code} {wave.open ? <span className="badge">{t('waves.openNow')}</span> : null}
      </th>
      <td colSpan={3}>
        <form onSubmit={save} className="inline" aria-label={t('waves.wave', { code: wave.code })}>
          <label>
            {t('waves.surveyVersion')}
            <select name="survey" defaultValue={`${wave.surveyId}@${wave.surveyVersion}`}>
              {surveys.map((s) => (
                <option key={`${s.id}@${s.version}`} value={`${s.id}@${s.version}`}>
                  {t('waves.version', { survey: s.id, version: s.version })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('waves.opens')}
            <input type="datetime-local" name="opensAt" defaultValue={toLocalInput(wave.opensAt)} required />
          </label>
          <label>
            {t('waves.closes')}
            <input type="datetime-local" name="closesAt" defaultValue={toLocalInput(wave.closesAt)} required />
          </label>
          <button type="submit">{t('waves.save', { code: wave.code })}</button>
          {wave.open ? (
            <button type="button" onClick={() => run(() => api('POST /api/studies/:studyId/waves/:waveId/close', { params }))}>
              {t('waves.closeNow', { code: wave.code })}
            </button>
          ) : (
            <button type="button" onClick={() => run(() => api('POST /api/studies/:studyId/waves/:waveId/open', { params }))}>
              {t('waves.openNowButton', { code: wave.code })}
            </button>
          )}
        </form>
        <ErrorNote error={error} />
      </td>
    </tr>
  );
}

export function WavesEditor({ study, onChanged }: { study: Study; onChanged: () => void }) {
  const { t } = useI18n();
  const { data: surveys } = useLoad(() => api('GET /api/surveys'), []);
  const [error, setError] = useState<unknown>();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const [surveyId = '', version] = String(form.get('survey')).split('@');
    try {
      await api('POST /api/studies/:studyId/waves', {
        params: { studyId: study.id },
        body: { code: String(form.get('code')), surveyId, surveyVersion: Number(version), opensAt: fromLocalInput(String(form.get('opensAt'))), closesAt: fromLocalInput(String(form.get('closesAt'))) },
      });
      formElement.reset();
      setError(undefined);
      onChanged();
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <section aria-labelledby="waves-heading">
      <h2 id="waves-heading">{t('tabs.waves')}</h2>
      <p className="hint">{t('waves.hint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('waves.waveColumn')}</th>
            <th scope="col" colSpan={3}>
              {t('waves.surveyAndWindow')}
            </th>
          </tr>
        </thead>
        <tbody>
          {study.waves.map((w) => (
            <WaveRow key={`${w.id}-${w.opensAt}-${w.closesAt}-${w.surveyVersion}`} studyId={study.id} wave={w} surveys={surveys ?? []} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
      <h3>{t('waves.add')}</h3>
      <form onSubmit={add} className="inline">
        <label>
          {t('fields.code')}
          <input name="code" required pattern="[A-Za-z0-9_\-]{1,20}" placeholder="T3" />
        </label>
        <label>
          {t('waves.surveyVersion')}
          <select name="survey" required>
            {(surveys ?? []).map((s) => (
              <option key={`${s.id}@${s.version}`} value={`${s.id}@${s.version}`}>
                {t('waves.version', { survey: s.id, version: s.version })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waves.opens')}
          <input type="datetime-local" name="opensAt" required />
        </label>
        <label>
          {t('waves.closes')}
          <input type="datetime-local" name="closesAt" required />
        </label>
        <button type="submit">{t('waves.addButton')}</button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { LetterTexts } from '../../../../shared/contract/studies.ts';
import { letterTextKeys } from '../../../../shared/letter-text-keys.ts';
import { api, type Study } from '../../lib/api.ts';

/** `letterTexts.keys.<key>` names each text in the workspace. */

/** The study's letter texts in Dutch, the translators' source: an empty field prints the text shown in it. */
export function LetterTextsEditor({ study }: { study: Study }) {
  const { t } = useI18n();
  const { data, error: loadError } = useLoad(() => api('GET /api/studies/:studyId/letter-texts', { params: { studyId: study.id } }), [study.id]);
  const [saved, setSaved] = useState<LetterTexts>();
  const [error, setError] = useState<unknown>();
  const texts = saved ?? data;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changed = Object.fromEntries(letterTextKeys.map((key) => [key, String(form.get(key) ?? '').replace(/\s+/g, ' ').trim()]));
    try {
      setSaved(await api('PUT /api/studies/:studyId/letter-texts', { params: { studyId: study.id }, body: { texts: changed } }));
      setError(undefined);
    } catch (reason) {
      setSaved(undefined);
      setError(reason);
    }
  }

  return (
    <section aria-labelledby="letter-texts-heading">
      <h2 id="letter-texts-heading">{t('tabs.letter')}</h2>
      <p className="hint">{t('letterTexts.hint', { site: '{{site}}' })}</p>
      <ErrorNote error={loadError ?? error} />
      {!texts && !loadError && <Loading />}
      {texts && (
        <form onSubmit={(event) => void save(event)} className="letter-texts" key={JSON.stringify(texts.own)}>
          {letterTextKeys.map((key) => (
            <label key={key}>
              {t(`letterTexts.keys.${key}`)}
              <textarea name={key} lang="nl" rows={key === 'intro' ? 4 : 2} defaultValue={texts.own[key] ?? ''} placeholder={texts.fallback[key]} />
            </label>
          ))}
          <button type="submit">{t('letterTexts.save')}</button>
          {saved && <p role="status">{t('letterTexts.saved')}</p>}
        </form>
      )}
    </section>
  );
}

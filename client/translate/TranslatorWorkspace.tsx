import { useEffect, useMemo, useState } from 'react';
import { ErrorNote } from '../researcher/components/ErrorNote.tsx';
import { useI18n } from '../researcher/components/I18n.tsx';
import { useLoad } from '../researcher/components/useLoad.ts';
import { languages, type Language } from '../shared/languages.ts';
import { Recorder } from './Recorder.tsx';
import { StringPreview } from './StringPreview.tsx';
import type { WorkspaceFile, WorkspaceString } from '../../shared/contract/translate.ts';
import { loadFile, loadWorkspace, reviewString, saveString } from './translate-api.ts';

type Filter = 'all' | 'missing' | 'stale' | 'draft';

const filters: { value: Filter; matches: (s: WorkspaceString) => boolean }[] = [
  { value: 'all', matches: () => true },
  { value: 'missing', matches: (s) => s.state === 'missing' },
  { value: 'stale', matches: (s) => s.stale },
  { value: 'draft', matches: (s) => s.state === 'draft' },
];

const languageName = (code: string) => {
  const info = languages.find((l) => l.code === code);
  return info ? `${info.name} (${code})` : code;
};

/** Per language and file: each string beside its Dutch source and context, with a live preview. */
export function TranslatorWorkspace() {
  const { t } = useI18n();
  const workspace = useLoad(loadWorkspace, []);
  const [lang, setLang] = useState<string>();
  const [namespace, setNamespace] = useState<string>();
  const [filter, setFilter] = useState<Filter>('all');
  const [file, setFile] = useState<WorkspaceFile>();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [focused, setFocused] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const grants = workspace.data?.languages ?? [];
  const currentLang = lang ?? grants[0]?.lang;
  const currentNamespace = namespace ?? workspace.data?.files[0];
  const reviewer = grants.find((g) => g.lang === currentLang)?.reviewer ?? false;

  useEffect(() => {
    if (!currentLang || !currentNamespace) return;
    let current = true;
    setFile(undefined);
    setEdits({});
    setFocused(undefined);
    loadFile(currentLang, currentNamespace).then(
      (loaded) => current && setFile(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [currentLang, currentNamespace]);

  const shown = useMemo(() => file?.strings.filter(filters.find((f) => f.value === filter)!.matches) ?? [], [file, filter]);
  const translations = useMemo(() => {
    const texts: Record<string, string> = {};
    for (const s of file?.strings ?? []) if (s.text !== undefined) texts[s.key] = s.text;
    return { ...texts, ...edits };
  }, [file, edits]);

  function replace(updated: WorkspaceString) {
    setFile((old) => old && { ...old, strings: old.strings.map((s) => (s.key === updated.key ? updated : s)) });
    setEdits(({ [updated.key]: _, ...rest }) => rest);
  }

  async function act(action: () => Promise<WorkspaceString>, done: string) {
    try {
      replace(await action());
      setError(undefined);
      setNotice(done);
    } catch (failure) {
      setError(failure);
    }
  }

  if (workspace.error) return <ErrorNote error={workspace.error} />;
  if (!workspace.data) return <p>{t('common.loading')}</p>;
  if (grants.length === 0) return <p>{t('translate.noLanguages')}</p>;

  const stateLabel = (s: WorkspaceString) => {
    const state = t(`translate.states.${s.state}`);
    return t('translate.state', { state: s.stale ? t('translate.staleState', { state }) : state });
  };
  const recordingLabel = (s: WorkspaceString) =>
    t('translate.recording', { state: t(`translate.recordingStates.${s.recording ? (s.recording.stale ? 'stale' : 'current') : 'none'}`) });

  return (
    <main className="translate">
      <h1>{t('translate.title')}</h1>
      <div className="translate__choices">
        <label>
          {t('translate.into')}
          <select aria-label={t('translate.into')} value={currentLang} onChange={(event) => setLang(event.target.value)}>
            {grants.map((g) => (
              <option key={g.lang} value={g.lang}>
                {languageName(g.lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('translate.file')}
          <select aria-label={t('translate.file')} value={currentNamespace} onChange={(event) => setNamespace(event.target.value)}>
            {workspace.data.files.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="translate__filters">
          <legend>{t('translate.show')}</legend>
          {filters.map((f) => (
            <label key={f.value}>
              <input type="radio" name="filter" value={f.value} checked={filter === f.value} onChange={() => setFilter(f.value)} />
              {t(`translate.filters.${f.value}`)} ({file?.strings.filter(f.matches).length ?? 0})
            </label>
          ))}
        </fieldset>
      </div>
      <ErrorNote error={error} />
      <p role="status" className="translate__notice">
        {notice}
      </p>
      <div className="translate__work">
        <ol className="translate__strings" aria-label={t('translate.strings')}>
          {shown.map((s) => {
            const text = edits[s.key] ?? s.text ?? '';
            return (
              <li key={s.key} className={`translate__string translate__string--${s.state}`}>
                <h2>{s.key}</h2>
                <p className="translate__source" lang="nl">
                  <span className="translate__label">{t('translate.dutch')} </span>
                  {s.source}
                </p>
                {s.context && (
                  <p className="translate__context">
                    {s.context.where}: {s.context.meaning}
                  </p>
                )}
                <label>
                  {t('translate.translationOf', { key: s.key })}
                  <textarea
                    aria-label={t('translate.translationOf', { key: s.key })}
                    lang={currentLang}
                    dir={currentLang === 'ar' ? 'rtl' : 'ltr'}
                    value={text}
                    rows={Math.min(6, Math.max(2, Math.ceil(s.source.length / 60)))}
                    onFocus={() => setFocused(s.key)}
                    onChange={(event) => {
                      setFocused(s.key);
                      setEdits((old) => ({ ...old, [s.key]: event.target.value }));
                    }}
                  />
                </label>
                <p className="translate__state">{stateLabel(s)}</p>
                {file?.survey && (
                  <>
                    <p className="translate__state">{recordingLabel(s)}</p>
                    <Recorder
                      recordingKey={s.key}
                      at={{ lang: currentLang!, namespace: currentNamespace!, key: s.key }}
                      recording={s.recording?.url}
                      onSaved={() => void loadFile(currentLang!, currentNamespace!).then(setFile, setError).then(() => setNotice(t('translate.recordingSaved', { key: s.key })))}
                    />
                  </>
                )}
                <div className="translate__actions">
                  <button
                    type="button"
                    disabled={edits[s.key] === undefined}
                    onClick={() => void act(() => saveString(currentLang!, currentNamespace!, s.key, text), t('translate.saved', { key: s.key }))}
                  >
                    {t('translate.save', { key: s.key })}
                  </button>
                  {reviewer && (
                    <button
                      type="button"
                      disabled={s.state === 'missing' || edits[s.key] !== undefined || (s.state === 'reviewed' && !s.stale)}
                      onClick={() => void act(() => reviewString(currentLang!, currentNamespace!, s.key), t('translate.markedReviewed', { key: s.key }))}
                    >
                      {t('translate.markReviewed', { key: s.key })}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
        {file && currentLang && (
          <StringPreview file={file} language={currentLang as Language} translations={translations} focused={focused ?? shown[0]?.key} />
        )}
      </div>
    </main>
  );
}

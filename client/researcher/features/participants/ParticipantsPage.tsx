import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { Batch, KeptLetters, Letters, LettersState, Participant } from '../../../../shared/contract/participants.ts';
import type { Language } from '../../../shared/languages.ts';
import { api, type Study } from '../../lib/api.ts';

const pageSize = 50;

/** The letters' second language; labels are `participants.letterLanguage.<code>`. */
const letterLanguages = ['nl', 'en', 'ar', 'tr', 'ti'];

/** What was just made: the links to its letters, which stay available in the list below. */
function LettersLinks({ letters, what }: { letters: Letters; what: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="notice">
      <p>
        {what} {t('participants.keptUntilPrinted')}
      </p>
      <p>
        <a href={letters.lettersUrl} target="_blank" rel="noopener">
          {t('participants.openLetters')}
        </a>{' '}
        · <a href={letters.downloadUrl}>{t('participants.downloadTokens')}</a>
      </p>
    </div>
  );
}

/** Letters still kept: print again, download, or confirm printed (which destroys them); and where they point. */
function KeptLettersList({ studyId, state, onChange }: { studyId: string; state: LettersState; onChange: () => void }) {
  const { t, format } = useI18n();
  const [error, setError] = useState<unknown>();
  async function confirmPrinted(set: KeptLetters) {
    if (!window.confirm(t('participants.confirmDestroy', { count: set.count }))) return;
    try {
      await api('POST /api/studies/:studyId/letters/:letterId/confirm', { params: { studyId, letterId: set.id } });
      setError(undefined);
      onChange();
    } catch (reason) {
      setError(reason);
    }
  }
  return (
    <section aria-labelledby="kept-letters-heading">
      <h3 id="kept-letters-heading">{t('participants.keptHeading')}</h3>
      {state.publicUrl === null ? (
        <p role="alert" className="notice">
          {t('participants.noPublicUrl', { origin: state.origin })}
        </p>
      ) : (
        <p className="hint">{t('participants.publicUrl', { url: state.publicUrl })}</p>
      )}
      <ErrorNote error={error} />
      {state.sets.length === 0 ? (
        <p>{t('participants.noneKept')}</p>
      ) : (
        <table>
          <caption>{t('participants.keptHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participants.made')}</th>
              <th scope="col">{t('participants.what')}</th>
              <th scope="col">{t('participants.letterCount')}</th>
              <th scope="col">{t('participants.destroyedBy')}</th>
              <th scope="col">{t('participants.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {state.sets.map((set) => (
              <tr key={set.id}>
                <th scope="row">{format.dateTime(set.createdAt)}</th>
                <td>
                  {t(`participants.kind.${set.kind}`)}
                  {set.batchId ? ` (${t('participants.batchNumber', { id: set.batchId })})` : ''}
                </td>
                <td>{set.count}</td>
                <td>{format.dateTime(set.expiresAt)}</td>
                <td>
                  <a href={set.lettersUrl} target="_blank" rel="noopener">
                    {t('participants.print')}
                  </a>{' '}
                  · <a href={set.downloadUrl}>{t('participants.download')}</a>{' '}
                  <button type="button" onClick={() => void confirmPrinted(set)}>
                    {t('participants.destroy')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * "A participant shows their letter": the code is typed, the pseudonym it belongs to is shown,
 * and only a confirmation withdraws. The code is never shown back and is forgotten afterwards.
 */
function WithdrawByLetter({ studyId, onWithdrawn }: { studyId: string; onWithdrawn: () => void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [found, setFound] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function lookUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(undefined);
    try {
      const { pseudonym } = await api('POST /api/studies/:studyId/withdrawals/lookup', { params: { studyId }, body: { token } });
      setFound(pseudonym);
      setError(undefined);
    } catch (reason) {
      setFound(undefined);
      setError(reason);
    }
  }

  async function confirm() {
    try {
      const result = await api('POST /api/studies/:studyId/withdrawals', { params: { studyId }, body: { token } });
      setDone(t('participants.withdrawn', { pseudonym: result.pseudonym, count: result.responsesDeleted }));
      setError(undefined);
      onWithdrawn();
    } catch (reason) {
      setError(reason);
    }
    setToken('');
    setFound(undefined);
  }

  function cancel() {
    setToken('');
    setFound(undefined);
  }

  return (
    <section aria-labelledby="withdraw-by-letter-heading">
      <h3 id="withdraw-by-letter-heading">{t('participants.byLetter.title')}</h3>
      <form onSubmit={lookUp} className="inline" aria-label={t('participants.byLetter.formLabel')}>
        <label>
          {t('participants.byLetter.code')}
          <input
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
              setFound(undefined);
            }}
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            required
            maxLength={80}
          />
        </label>
        <button type="submit">{t('participants.byLetter.find')}</button>
      </form>
      {found && (
        <div role="alert" className="notice">
          <p>{t('participants.byLetter.found', { pseudonym: found })}</p>
          <button type="button" className="danger" onClick={() => void confirm()}>
            {t('participants.byLetter.confirm', { pseudonym: found })}
          </button>{' '}
          <button type="button" onClick={cancel}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

export function ParticipantsPage({ study }: { study: Study }) {
  const { t, format } = useI18n();
  const [filter, setFilter] = useState({ search: '', status: '', page: 1 });
  const query = new URLSearchParams({ page: String(filter.page), pageSize: String(pageSize), ...(filter.search ? { search: filter.search } : {}), ...(filter.status ? { status: filter.status } : {}) });
  const { data: list, error, reload } = useLoad(() => api('GET /api/studies/:studyId/participants', { params: { studyId: study.id }, query }), [study.id, query.toString()]);
  const participants = list?.participants;
  const { data: kept, reload: reloadKept } = useLoad(() => api('GET /api/studies/:studyId/letters', { params: { studyId: study.id } }), [study.id]);
  const { data: batches, reload: reloadBatches } = useLoad(() => api('GET /api/studies/:studyId/batches', { params: { studyId: study.id } }), [study.id]);
  const [letters, setLetters] = useState<{ letters: Letters; what: string }>();
  const [actionError, setActionError] = useState<unknown>();

  async function createBatch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const perParticipant = String(form.get('languages') ?? '')
      .split(/[\s,;]+/)
      .filter(Boolean);
    const body = perParticipant.length
      ? { count: perParticipant.length, languages: perParticipant as Language[] }
      : { count: Number(form.get('count')), language: String(form.get('language')) as Language };
    try {
      const made = await api('POST /api/studies/:studyId/batches', { params: { studyId: study.id }, body });
      setLetters({ letters: made, what: t('participants.created', { count: made.participants.length, formatted: format.number(made.participants.length) }) });
      setActionError(undefined);
      reload();
      reloadKept();
      reloadBatches();
    } catch (reason) {
      setActionError(reason);
    }
  }

  async function reissue(p: Participant) {
    try {
      const made = await api('POST /api/studies/:studyId/participants/:participantId/reissue', { params: { studyId: study.id, participantId: p.id } });
      setLetters({ letters: made, what: t('participants.reissued', { pseudonym: p.pseudonym }) });
      setActionError(undefined);
      reloadKept();
    } catch (reason) {
      setActionError(reason);
    }
  }

  async function newCodes(batch: Batch) {
    if (!window.confirm(t('participants.confirmNewCodes', { id: batch.id }))) return;
    try {
      const made = await api('POST /api/studies/:studyId/batches/:batchId/new-codes', { params: { studyId: study.id, batchId: batch.id } });
      setLetters({ letters: made, what: t('participants.newCodesMade', { count: made.count, id: batch.id }) });
      setActionError(undefined);
      reloadKept();
    } catch (reason) {
      setActionError(reason);
    }
  }

  async function withdraw(p: Participant) {
    if (!window.confirm(t('participants.confirmWithdraw', { pseudonym: p.pseudonym }))) return;
    try {
      await api('POST /api/studies/:studyId/participants/:participantId/withdraw', { params: { studyId: study.id, participantId: p.id } });
      setActionError(undefined);
      reload();
    } catch (reason) {
      setActionError(reason);
    }
  }

  if (study.kind !== 'panel') return <p>{t('participants.crossHasNone')}</p>;

  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('tabs.participants')}</h2>
      <form onSubmit={createBatch} className="inline" aria-label={t('participants.newBatch')}>
        <label>
          {t('fields.count')}
          <input name="count" type="number" min={1} max={5000} defaultValue={30} required />
        </label>
        <label>
          {t('participants.letterLanguages')}
          <select name="language" defaultValue="nl">
            {letterLanguages.map((code) => (
              <option key={code} value={code}>
                {t(`participants.letterLanguage.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('participants.perParticipant')}
          <textarea name="languages" rows={2} cols={40} spellCheck={false} placeholder={t('participants.perParticipantExample')} />
        </label>
        <button type="submit">{t('participants.createBatch')}</button>
      </form>
      {letters && <LettersLinks letters={letters.letters} what={letters.what} />}
      {kept && <KeptLettersList studyId={study.id} state={kept} onChange={reloadKept} />}
      {batches && batches.length > 0 && (
        <table>
          <caption>{t('participants.batches')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participants.batch')}</th>
              <th scope="col">{t('participants.participantCount')}</th>
              <th scope="col">{t('participants.made')}</th>
              <th scope="col">{t('participants.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <th scope="row">{b.id}</th>
                <td>{b.size}</td>
                <td>{format.dateTime(b.createdAt)}</td>
                <td>
                  <button type="button" onClick={() => void newCodes(b)}>
                    {t('participants.newCodes')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <WithdrawByLetter studyId={study.id} onWithdrawn={reload} />
      <ErrorNote error={actionError} />
      <ErrorNote error={error} />
      <form
        role="search"
        className="filters"
        aria-label={t('participants.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setFilter({ search: String(form.get('search')).trim(), status: String(form.get('status')), page: 1 });
        }}
      >
        <label>
          {t('participants.search')}
          <input name="search" type="search" maxLength={40} autoComplete="off" spellCheck={false} />
        </label>
        <label>
          {t('fields.status')}
          <select name="status" defaultValue="">
            <option value="">{t('participants.status.all')}</option>
            <option value="active">{t('participants.status.active')}</option>
            <option value="withdrawn">{t('participants.status.withdrawn')}</option>
          </select>
        </label>
        <button type="submit">{t('participants.find')}</button>
      </form>
      <table>
        <caption>
          {list ? (
            list.total === 0 ? (
              t('participants.noneFound')
            ) : (
              t('participants.range', { first: format.number((list.page - 1) * list.pageSize + 1), last: format.number((list.page - 1) * list.pageSize + list.participants.length), total: format.number(list.total) })
            )
          ) : (
            <Loading />
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.pseudonym')}</th>
            <th scope="col">{t('fields.language')}</th>
            <th scope="col">{t('participants.batch')}</th>
            <th scope="col">{t('tabs.register')}</th>
            <th scope="col">{t('fields.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {participants?.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.pseudonym}</th>
              <td>{p.language}</td>
              <td>{p.batchId ?? '–'}</td>
              <td>{t(p.hasRegisterData ? 'common.yes' : 'common.no')}</td>
              <td>{t(`participants.status.${p.status}`)}</td>
              <td>
                {p.status === 'active' && (
                  <>
                    <button type="button" onClick={() => reissue(p)} aria-label={t('participants.newCodeFor', { pseudonym: p.pseudonym })}>
                      {t('participants.newCode')}
                    </button>{' '}
                    <button type="button" className="danger" onClick={() => withdraw(p)} aria-label={t('participants.withdrawFor', { pseudonym: p.pseudonym })}>
                      {t('participants.withdraw')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list && list.total > list.pageSize && (
        <nav aria-label={t('participants.pages')} className="filters">
          <button type="button" disabled={list.page <= 1} onClick={() => setFilter({ ...filter, page: list.page - 1 })}>
            {t('participants.previous')}
          </button>
          <span>{t('participants.pageOf', { page: format.number(list.page), pages: format.number(Math.ceil(list.total / list.pageSize)) })}</span>
          <button type="button" disabled={list.page * list.pageSize >= list.total} onClick={() => setFilter({ ...filter, page: list.page + 1 })}>
            {t('participants.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

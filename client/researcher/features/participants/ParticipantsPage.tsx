import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { api, type Study } from '../../lib/api.ts';

interface Participant {
  id: number;
  pseudonym: string;
  language: string;
  status: 'active' | 'withdrawn';
  batchId: number | null;
  hasRegisterData: boolean;
}
interface Letters {
  lettersUrl: string;
  downloadUrl: string;
}

const languages: [string, string][] = [
  ['nl', 'Dutch only'],
  ['en', 'Dutch + English'],
  ['ar', 'Dutch + Arabic'],
  ['tr', 'Dutch + Turkish'],
  ['ti', 'Dutch + Tigrinya'],
];

/** The one-time links to new tokens: each works once, then the tokens are gone from the server. */
function LettersLinks({ letters, what }: { letters: Letters; what: string }) {
  return (
    <div role="status" className="notice">
      <p>
        {what} The codes are shown <strong>once</strong>: open the letters and print them now, and keep the download safe if you need it.
      </p>
      <p>
        <a href={letters.lettersUrl} target="_blank" rel="noopener">
          Open letters for printing
        </a>{' '}
        · <a href={letters.downloadUrl}>Download tokens (CSV, once)</a>
      </p>
    </div>
  );
}

/**
 * "A participant shows their letter": the code is typed, the pseudonym it belongs to is shown,
 * and only a confirmation withdraws. The code is never shown back and is forgotten afterwards.
 */
function WithdrawByLetter({ studyId, onWithdrawn }: { studyId: string; onWithdrawn: () => void }) {
  const [token, setToken] = useState('');
  const [found, setFound] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function lookUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(undefined);
    try {
      const { pseudonym } = await api<{ pseudonym: string }>(`/api/studies/${studyId}/withdrawals/lookup`, { body: { token } });
      setFound(pseudonym);
      setError(undefined);
    } catch (reason) {
      setFound(undefined);
      setError(reason);
    }
  }

  async function confirm() {
    try {
      const result = await api<{ pseudonym: string; responsesDeleted: number }>(`/api/studies/${studyId}/withdrawals`, { body: { token } });
      setDone(`${result.pseudonym} is withdrawn: ${result.responsesDeleted} response(s) and any register data deleted. The code no longer works.`);
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
      <h3 id="withdraw-by-letter-heading">A participant shows their letter and wants to stop</h3>
      <form onSubmit={lookUp} className="inline" aria-label="Find participant by code">
        <label>
          Code on the letter
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
        <button type="submit">Find participant</button>
      </form>
      {found && (
        <div role="alert" className="notice">
          <p>
            This code belongs to <strong>{found}</strong>. Withdraw {found}? Their answers in every wave and their register data are deleted; the pseudonym stays, marked
            withdrawn. This cannot be undone.
          </p>
          <button type="button" className="danger" onClick={() => void confirm()}>
            Yes, withdraw {found}
          </button>{' '}
          <button type="button" onClick={cancel}>
            Cancel
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
  const { data: participants, error, reload } = useLoad(() => api<Participant[]>(`/api/studies/${study.id}/participants`), [study.id]);
  const [letters, setLetters] = useState<{ letters: Letters; what: string }>();
  const [actionError, setActionError] = useState<unknown>();

  async function createBatch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const perParticipant = String(form.get('languages') ?? '')
      .split(/[\s,;]+/)
      .filter(Boolean);
    const body = perParticipant.length
      ? { count: perParticipant.length, languages: perParticipant }
      : { count: Number(form.get('count')), language: String(form.get('language')) };
    try {
      const made = await api<Letters & { participants: unknown[] }>(`/api/studies/${study.id}/batches`, { body });
      setLetters({ letters: made, what: `${made.participants.length} participants created.` });
      setActionError(undefined);
      reload();
    } catch (reason) {
      setActionError(reason);
    }
  }

  async function reissue(p: Participant) {
    try {
      const made = await api<Letters>(`/api/studies/${study.id}/participants/${p.id}/reissue`, { method: 'POST' });
      setLetters({ letters: made, what: `New code for ${p.pseudonym}; the old code no longer works.` });
      setActionError(undefined);
    } catch (reason) {
      setActionError(reason);
    }
  }

  async function withdraw(p: Participant) {
    if (!window.confirm(`Withdraw ${p.pseudonym}? Their answers in every wave are deleted. This cannot be undone.`)) return;
    try {
      await api(`/api/studies/${study.id}/participants/${p.id}/withdraw`, { method: 'POST' });
      setActionError(undefined);
      reload();
    } catch (reason) {
      setActionError(reason);
    }
  }

  if (study.kind !== 'panel') return <p>A cross-sectional study is anonymous: it has no participants or tokens.</p>;

  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants and letters</h2>
      <form onSubmit={createBatch} className="inline" aria-label="New batch">
        <label>
          Number of participants
          <input name="count" type="number" min={1} max={5000} defaultValue={30} required />
        </label>
        <label>
          Letter languages
          <select name="language" defaultValue="nl">
            {languages.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Or one language per participant (e.g. <code>nl ar ar ti</code>; overrides the two fields before)
          <textarea name="languages" rows={2} cols={40} spellCheck={false} />
        </label>
        <button type="submit">Create batch</button>
      </form>
      {letters && <LettersLinks letters={letters.letters} what={letters.what} />}
      <WithdrawByLetter studyId={study.id} onWithdrawn={reload} />
      <ErrorNote error={actionError} />
      <ErrorNote error={error} />
      <table>
        <caption>{participants ? `${participants.length} participants` : 'Loading…'}</caption>
        <thead>
          <tr>
            <th scope="col">Pseudonym</th>
            <th scope="col">Language</th>
            <th scope="col">Batch</th>
            <th scope="col">Register data</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {participants?.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.pseudonym}</th>
              <td>{p.language}</td>
              <td>{p.batchId ?? '–'}</td>
              <td>{p.hasRegisterData ? 'yes' : 'no'}</td>
              <td>{p.status}</td>
              <td>
                {p.status === 'active' && (
                  <>
                    <button type="button" onClick={() => reissue(p)} aria-label={`New code for ${p.pseudonym}`}>
                      New code
                    </button>{' '}
                    <button type="button" className="danger" onClick={() => withdraw(p)} aria-label={`Withdraw ${p.pseudonym}`}>
                      Withdraw
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

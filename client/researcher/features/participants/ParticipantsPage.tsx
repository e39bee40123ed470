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

import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useI18n } from '../../components/I18n.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { Role } from '../../../../shared/contract/auth.ts';
import type { ResetLink, UserRow } from '../../../../shared/contract/users.ts';
import { api } from '../../lib/api.ts';

const translationLanguages = ['en', 'ar', 'tr', 'ti'];

/** A translator's languages: a checkbox to translate and one to review, per language. */
function LanguageGrants({ user, onSave }: { user: UserRow; onSave: (languages: UserRow['languages']) => void }) {
  const { t } = useI18n();
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        onSave(translationLanguages.filter((lang) => form.has(`translate-${lang}`)).map((lang) => ({ lang, reviewer: form.has(`review-${lang}`) })));
      }}
    >
      <fieldset>
        <legend>{t('users.languagesOf', { username: user.username })}</legend>
        {translationLanguages.map((lang) => {
          const grant = user.languages.find((g) => g.lang === lang);
          return (
            <span key={lang} className="grant">
              <label>
                <input type="checkbox" name={`translate-${lang}`} defaultChecked={grant !== undefined} /> {lang}
              </label>
              <label>
                <input type="checkbox" name={`review-${lang}`} defaultChecked={grant?.reviewer ?? false} /> {t('users.review', { lang })}
              </label>
            </span>
          );
        })}
      </fieldset>
      <button type="submit">{t('users.saveLanguages', { username: user.username })}</button>
    </form>
  );
}

/** Who must sign in with a second factor: admins as the operator set it, researchers as an admin chooses here. */
function SecurityPolicy() {
  const { t } = useI18n();
  const security = useLoad(() => api('GET /api/settings/security'), []);
  const [error, setError] = useState<unknown>();
  async function change(required: boolean) {
    try {
      await api('PUT /api/settings/security', { body: { researchersSecondFactor: required } });
      setError(undefined);
      security.reload();
    } catch (reason) {
      setError(reason);
    }
  }
  if (!security.data) return <ErrorNote error={security.error} />;
  return (
    <section aria-labelledby="security-heading">
      <h2 id="security-heading">{t('users.policy')}</h2>
      {security.data.adminsSecondFactor && <p>{t('users.adminsRequired')}</p>}
      <label>
        <span>
          <input type="checkbox" checked={security.data.researchersSecondFactor} onChange={(event) => void change(event.target.checked)} /> {t('users.requireForResearchers')}
        </span>
      </label>
      <ErrorNote error={error} />
    </section>
  );
}

/** A reset link is shown once: the admin passes it on (not by e-mail in plain sight); it works once and expires. */
function ResetLinkNotice({ link }: { link: ResetLink }) {
  const { t, format } = useI18n();
  return (
    <div role="status" className="notice">
      <p>{t('users.resetLinkMade', { username: link.username, expiresAt: format.dateTime(link.expiresAt) })}</p>
      <p className="link-once">{link.url}</p>
    </div>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const users = useLoad(() => api('GET /api/users'), []);
  const studies = useLoad(() => api('GET /api/studies'), []);
  const [error, setError] = useState<unknown>();
  const [resetLink, setResetLink] = useState<ResetLink>();

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(undefined);
      users.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    return run(async () => {
      await api('POST /api/users', { body: { username: String(form.get('username')), password: String(form.get('password')), role: String(form.get('role')) as Role } });
      formElement.reset();
    });
  }

  return (
    <main>
      <h1>{t('users.title')}</h1>
      <ErrorNote error={users.error ?? error} />
      {resetLink && <ResetLinkNotice link={resetLink} />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fields.username')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('users.studies')}</th>
            <th scope="col">{t('users.secondFactor')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.username}
                {u.disabled ? ` (${t('users.disabled')})` : ''}
              </th>
              <td>{t(`roles.${u.role}`)}</td>
              <td>
                {u.role === 'admin'
                  ? t('users.allStudies')
                  : u.role === 'translator'
                    ? u.languages.map((g) => (g.reviewer ? t('users.reviews', { lang: g.lang }) : g.lang)).join(', ') || '–'
                    : u.studies.join(', ') || '–'}
              </td>
              <td>{t(u.secondFactor ? 'users.secondFactorOn' : 'users.secondFactorOff')}</td>
              <td>
                <button type="button" onClick={() => run(() => api('POST /api/users/:userId/disabled', { params: { userId: u.id }, body: { disabled: !u.disabled } }))}>
                  {t(u.disabled ? 'users.enable' : 'users.disable', { username: u.username })}
                </button>{' '}
                <button type="button" onClick={() => run(async () => setResetLink(await api('POST /api/users/:userId/reset-link', { params: { userId: u.id } })))}>
                  {t('users.resetLink', { username: u.username })}
                </button>
                {u.secondFactor && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        window.confirm(t('users.confirmRemoveSecondFactor', { username: u.username })) &&
                        void run(() => api('POST /api/users/:userId/second-factor/removal', { params: { userId: u.id } }))
                      }
                    >
                      {t('users.removeSecondFactor', { username: u.username })}
                    </button>
                  </>
                )}
                {u.role === 'translator' && (
                  <LanguageGrants user={u} onSave={(languages) => void run(() => api('PUT /api/users/:userId/languages', { params: { userId: u.id }, body: { languages } }))} />
                )}
                {u.role === 'researcher' && (
                  <form
                    className="inline"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const studyId = String(new FormData(event.currentTarget).get('study'));
                      void run(() => api(u.studies.includes(studyId) ? 'DELETE /api/studies/:studyId/members/:userId' : 'PUT /api/studies/:studyId/members/:userId', { params: { studyId, userId: u.id } }));
                    }}
                  >
                    <label>
                      {t('users.study')}
                      <select name="study">
                        {studies.data?.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.id}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="submit">{t('users.addOrRemove')}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SecurityPolicy />
      <h2>{t('users.newAccount')}</h2>
      <form onSubmit={create} className="inline">
        <label>
          {t('fields.username')}
          <input name="username" required pattern="[a-z0-9][a-z0-9._\-]{1,39}" autoComplete="off" />
        </label>
        <label>
          {t('users.initialPassword')}
          <input name="password" type="password" minLength={12} required autoComplete="new-password" />
        </label>
        <label>
          {t('fields.role')}
          <select name="role" defaultValue="researcher">
            <option value="researcher">{t('roles.researcher')}</option>
            <option value="translator">{t('roles.translator')}</option>
            <option value="admin">{t('roles.admin')}</option>
          </select>
        </label>
        <button type="submit">{t('users.create')}</button>
      </form>
    </main>
  );
}

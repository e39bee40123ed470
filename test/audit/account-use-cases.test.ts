import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { exportAudit, listAudit } from '../../server/audit/audit.service.ts';
import { changePassword, completeSetup, createResetLink, createSetupLink, resetPassword } from '../../server/auth/accounts.service.ts';
import { signIn, signOut } from '../../server/auth/auth.service.ts';
import { confirmEnrolment, requireSecondFactorForResearchers, startEnrolment } from '../../server/auth/second-factor.service.ts';
import { totpCode } from '../../server/auth/totp.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { addUser, testCost, testPassword } from '../researcher/sign-in.ts';

/**
 * The account use cases write their own audit rows, so the HTTP routes (and any later command)
 * cannot leave one out: each test calls the use case itself, not its route.
 */

const newPassword = 'fiets paraplu onweer kaneel';

for (const dialect of dialects) {
  describe(`the account use cases audit themselves on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dialect });
    });
    after(() => t.close());

    const rows = async (action: string) => (await listAudit({ database: t.services.database, action })).reverse().map((e) => ({ userId: e.userId, detail: e.detail }));

    it('setting up the first admin records account_setup', async () => {
      const { code } = (await createSetupLink(t.services))!;
      const admin = await completeSetup({ ...t.services, code, username: 'root', password: newPassword, cost: testCost });
      assert.deepEqual(await rows('account_setup'), [{ userId: admin.id, detail: {} }]);
    });

    it('a sign-in records sign_in, a wrong password or an unknown name sign_in_failed, a missing second factor nothing; signing out records sign_out', async () => {
      const ritaId = await addUser(t.services, 'rita', 'researcher');
      const attempt = (username: string, password: string) => signIn({ ...t.services, username, password });
      assert.equal((await attempt('rita', 'not the password')).ok, false);
      assert.equal((await attempt('nobody', 'not the password')).ok, false);
      const signedIn = await attempt('rita', testPassword);
      assert.ok(signedIn.ok);
      assert.deepEqual(await rows('sign_in_failed'), [
        { userId: ritaId, detail: {} },
        { userId: null, detail: {} },
      ]);
      assert.deepEqual(await rows('sign_in'), [{ userId: ritaId, detail: {} }]);
      await signOut({ ...t.services, session: { idHash: '', user: signedIn.user } });
      assert.deepEqual(await rows('sign_out'), [{ userId: ritaId, detail: {} }]);
    });

    it('turning the second factor on records second_factor_enable; a wrong code at sign-in records a failure with secondFactor', async () => {
      const adaId = await addUser(t.services, 'ada', 'admin');
      const { secret } = await startEnrolment({ ...t.services, secrets: t.services.secondFactorSecrets, userId: adaId });
      await confirmEnrolment({ ...t.services, secrets: t.services.secondFactorSecrets, userId: adaId, code: totpCode(secret, t.clock.now()) });
      assert.deepEqual(await rows('second_factor_enable'), [{ userId: adaId, detail: {} }]);
      assert.deepEqual(await signIn({ ...t.services, username: 'ada', password: testPassword }), { ok: false, userId: adaId, reason: 'second_factor_required' });
      assert.equal((await rows('sign_in_failed')).filter((r) => r.userId === adaId).length, 0, 'asking for the code is no failure');
      await signIn({ ...t.services, username: 'ada', password: testPassword, secondFactor: 'not-a-code' });
      assert.deepEqual((await rows('sign_in_failed')).filter((r) => r.userId === adaId), [{ userId: adaId, detail: { secondFactor: true } }]);
    });

    it('changing one’s password records password_change, and a reset with a link records password_reset for the account', async () => {
      const mayaId = await addUser(t.services, 'maya', 'researcher');
      await changePassword({ ...t.services, userId: mayaId, keepSessionIdHash: '', currentPassword: testPassword, newPassword, cost: testCost });
      assert.deepEqual(await rows('password_change'), [{ userId: mayaId, detail: {} }]);
      const { code } = await createResetLink({ ...t.services, actor: { userId: mayaId }, userId: mayaId });
      await resetPassword({ ...t.services, code, newPassword: `${newPassword} twee`, cost: testCost });
      assert.deepEqual(await rows('password_reset'), [{ userId: mayaId, detail: {} }]);
    });

    it("requiring researchers' second factor records settings_change with the new value", async () => {
      const adminId = await addUser(t.services, 'boss', 'admin');
      await requireSecondFactorForResearchers({ ...t.services, actor: { userId: adminId }, required: true });
      assert.deepEqual(await rows('settings_change'), [{ userId: adminId, detail: { researchersSecondFactor: true } }]);
    });

    it('exporting the log records audit_export with its filter before the first line is read', async () => {
      const adminId = await addUser(t.services, 'auditor', 'admin');
      const csv = await exportAudit({ ...t.services, actor: { userId: adminId }, filter: { action: 'sign_in' } });
      assert.deepEqual(await rows('audit_export'), [{ userId: adminId, detail: { action: 'sign_in' } }]);
      let text = '';
      for await (const chunk of csv) text += chunk;
      assert.match(text, /,sign_in,/);
      assert.doesNotMatch(text, /audit_export/);
    });
  });
}

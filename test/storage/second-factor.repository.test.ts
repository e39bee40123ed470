import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secondFactorRepositoryFor } from '../../server/auth/second-factor.repository.pg.ts';
import { usersRepositoryFor } from '../../server/auth/users.repository.pg.ts';
import { dialects, insertUser, useTestDatabase } from '../helpers/dialects.ts';

const at = new Date('2026-03-01T09:00:00.000Z');

for (const dialect of dialects) {
  describe(`the second-factor repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const secretsOf = async (userId: number) => {
      const user = await usersRepositoryFor(test.database).find(userId);
      return { secret: user?.totpSecret, pending: user?.totpPendingSecret, step: user?.totpLastStep };
    };

    it('a pending secret becomes the account’s with its recovery codes; removing it clears both', async () => {
      const factors = secondFactorRepositoryFor(test.database);
      const userId = await insertUser(test.database, 'enrol');
      await factors.setPending(userId, 'sealed:pending');
      assert.deepEqual(await secretsOf(userId), { secret: null, pending: 'sealed:pending', step: null });
      await factors.enable(userId, 'sealed:pending', 100, ['c1', 'c2', 'c3']);
      assert.deepEqual(await secretsOf(userId), { secret: 'sealed:pending', pending: null, step: 100 });
      assert.equal(await factors.recoveryCodesLeft(userId), 3);
      await factors.enable(userId, 'sealed:again', 101, ['d1']);
      assert.equal(await factors.recoveryCodesLeft(userId), 1, 'the new codes replace the old ones');
      await factors.remove(userId);
      assert.deepEqual(await secretsOf(userId), { secret: null, pending: null, step: null });
      assert.equal(await factors.recoveryCodesLeft(userId), 0);
    });

    it('an enrolment whose recovery codes fail to be written leaves the account as it was (one transaction)', async () => {
      const factors = secondFactorRepositoryFor(test.database);
      const userId = await insertUser(test.database, 'rollback');
      await factors.enable(userId, 'sealed:first', 7, ['old']);
      // The same code twice breaks the key after the secret changed and the old codes were deleted.
      await assert.rejects(factors.enable(userId, 'sealed:second', 8, ['dup', 'dup']));
      assert.deepEqual(await secretsOf(userId), { secret: 'sealed:first', pending: null, step: 7 });
      assert.equal(await factors.recoveryCodesLeft(userId), 1);
      assert.equal(await factors.useRecoveryCode(userId, 'old', at), true, 'the old code still works');
    });

    it('a step is taken once: a second sign-in with the same last step is refused', async () => {
      const factors = secondFactorRepositoryFor(test.database);
      const userId = await insertUser(test.database, 'step');
      assert.equal(await factors.useStep(userId, 50, null), true);
      assert.equal(await factors.useStep(userId, 51, null), false);
      assert.equal(await factors.useStep(userId, 51, 50), true);
      assert.equal((await secretsOf(userId)).step, 51);
    });

    it('a recovery code is used once, and an unknown one not at all', async () => {
      const factors = secondFactorRepositoryFor(test.database);
      const userId = await insertUser(test.database, 'recovery');
      await factors.enable(userId, 'sealed:x', 1, ['r1', 'r2']);
      assert.equal(await factors.useRecoveryCode(userId, 'r1', at), true);
      assert.equal(await factors.useRecoveryCode(userId, 'r1', at), false);
      assert.equal(await factors.useRecoveryCode(userId, 'unknown', at), false);
      assert.equal(await factors.recoveryCodesLeft(userId), 1);
    });

    it('finds the secrets kept in plain text, replaces them, and tells whether any secret is sealed', async () => {
      const factors = secondFactorRepositoryFor(test.database);
      const [plain, sealed] = [await insertUser(test.database, 'plain'), await insertUser(test.database, 'sealed')];
      await factors.enable(plain, 'JBSWY3DPEHPK3PXP', 1, ['p1']);
      await factors.setPending(sealed, 'sealed:abc');
      assert.deepEqual(await factors.plainSecrets('sealed:'), [{ id: plain, totpSecret: 'JBSWY3DPEHPK3PXP', totpPendingSecret: null }]);
      assert.equal(await factors.anySealedSecret('sealed:'), true);
      assert.equal(await factors.anySealedSecret('other:'), false);
      await factors.replaceSecrets(plain, 'sealed:def', null);
      assert.deepEqual(await factors.plainSecrets('sealed:'), []);
    });
  });
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, projectRoot } from '../../server/config.ts';
import { serverEnv, serverFilesIn } from '../helpers/server-process.ts';
import { tempDir } from '../helpers/app.ts';

describe('configuration is one schema checked at start-up', () => {
  const refused: [string, Record<string, string>, RegExp][] = [
    ['a minimum cell size that is not a number', { WAVEPANEL_MIN_CELL: 'ten' }, /WAVEPANEL_MIN_CELL="ten".*whole number of respondents from 1 to 1000/],
    ['a minimum cell size of 0, which would switch suppression off', { WAVEPANEL_MIN_CELL: '0' }, /WAVEPANEL_MIN_CELL/],
    ['a port with a letter in it', { PORT: '80a' }, /PORT="80a".*port number from 0 to 65535/],
    ['a port above 65535', { PORT: '70000' }, /PORT="70000"/],
    ['a sync mode that does not exist', { WAVEPANEL_SYNC: 'fast' }, /WAVEPANEL_SYNC="fast".*normal or full/],
    ['token attempts written as a fraction', { WAVEPANEL_TOKEN_ATTEMPTS: '2.5' }, /WAVEPANEL_TOKEN_ATTEMPTS/],
    ['secure cookies as "yes"', { WAVEPANEL_SECURE_COOKIES: 'yes' }, /WAVEPANEL_SECURE_COOKIES="yes".*0 or 1/],
    ['the admins\' second factor as "off"', { WAVEPANEL_ADMIN_SECOND_FACTOR: 'off' }, /WAVEPANEL_ADMIN_SECOND_FACTOR="off".*0 or 1/],
    ['a log level that does not exist', { LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    ['trusted proxies given as host names', { WAVEPANEL_TRUSTED_PROXIES: 'proxy.example' }, /WAVEPANEL_TRUSTED_PROXIES/],
  ];
  for (const [name, env, message] of refused) {
    it(`refuses ${name}, naming the variable and what it accepts`, () => {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message.replace(/\n/g, ' ')));
    });
  }

  it('reads good values into typed settings', () => {
    const config = loadConfig({ PORT: '8080', WAVEPANEL_MIN_CELL: '5', WAVEPANEL_SYNC: 'full', WAVEPANEL_TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16' });
    assert.equal(config.port, 8080);
    assert.equal(config.minCellSize, 5);
    assert.equal(config.syncMode, 'full');
    assert.deepEqual(config.trustedProxies, ['10.0.0.1', '10.1.0.0/16']);
    assert.equal(config.adminSecondFactor, true, 'admins need a second factor unless it is turned off');
    assert.equal(loadConfig({ WAVEPANEL_ADMIN_SECOND_FACTOR: '0' }).adminSecondFactor, false);
  });

  it('stops the real server process at start-up with a message naming the bad variable', () => {
    const files = serverFilesIn(tempDir());
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...serverEnv(files, { WAVEPANEL_MIN_CELL: 'ten', PORT: '80a' }) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /WAVEPANEL_MIN_CELL="ten" is not valid/);
    assert.match(result.stderr, /PORT="80a" is not valid/);
    assert.doesNotMatch(result.stdout, /listening/i);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meanInterval, studentTQuantile, wilsonInterval } from '../../server/reports/statistics.ts';

const close = (actual: number, expected: number, digits = 4) => assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);

const tCases: [string, number, number][] = [
  ['t(0.975, 1) is 12.706', 1, 12.7062047],
  ['t(0.975, 9) is 2.262', 9, 2.2621572],
  ['t(0.975, 29) is 2.045', 29, 2.0452296],
  ['t(0.975, 120) is 1.980', 120, 1.9799304],
  ['t(0.975, 10000) approaches the normal 1.960', 10000, 1.9602012],
];
for (const [name, df, expected] of tCases) test(`student t quantile: ${name}`, () => close(studentTQuantile(0.975, df), expected, 5));

test('a mean interval of 1..10 is 5.5 ± 2.262 × sd/√10', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const ci = meanInterval(values.length, values.reduce((s, v) => s + v, 0), values.reduce((s, v) => s + v * v, 0))!;
  const half = 2.2621572 * Math.sqrt(9.1666667 / 10);
  close(ci.estimate, 5.5);
  close(ci.low, 5.5 - half);
  close(ci.high, 5.5 + half);
});

test('a mean of fewer than two values has no interval', () => assert.equal(meanInterval(1, 3, 9), null));

const wilsonCases: [string, number, number, number, number][] = [
  ['5 of 10 gives 0.2366 to 0.7634', 5, 10, 0.2365931, 0.7634069],
  ['0 of 10 gives 0 to 0.2775', 0, 10, 0, 0.2775328],
  ['10 of 10 gives 0.7225 to 1', 10, 10, 0.7224672, 1],
  ['81 of 263 gives 0.2553 to 0.3662', 81, 263, 0.2553, 0.3662],
];
for (const [name, k, n, low, high] of wilsonCases) {
  test(`wilson interval: ${name}`, () => {
    const ci = wilsonInterval(k, n)!;
    close(ci.estimate, k / n);
    close(ci.low, low, 3);
    close(ci.high, high, 3);
  });
}

test('a proportion of nobody has no interval', () => assert.equal(wilsonInterval(0, 0), null));

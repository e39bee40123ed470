import os from 'node:os';
import type { LoadResult } from './load.ts';

/** The machine's load average: other processes competing for the CPU make every number lower. */
export function loadAverage(): string {
  return `load average ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')} (1, 5, 15 min)`;
}

/** Prints a benchmark section's heading with the machine it ran on. */
export function printHeading(title: string, details: string[]): void {
  console.log(`\n## ${title}\n`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${os.cpus().length} × ${cpu}, node ${process.version}; ${loadAverage()}`);
  for (const line of details) console.log(line);
  console.log('');
}

const baseColumns = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU µs/req'];

const micros = (value: number | undefined) => (value === undefined ? '' : String(Math.round(value)));

/** One table of results, in the order given; the database's CPU time per request when measured. */
export function printResults(rows: { name: string; result: LoadResult }[]): void {
  const withDatabase = rows.some(({ result }) => result.databaseCpuPerRequest !== undefined);
  const columns = withDatabase ? [...baseColumns, 'PostgreSQL CPU µs/req'] : baseColumns;
  const cells = rows.map(({ name, result }) => [
    name,
    Math.round(result.requestsPerSecond).toLocaleString('en-US'),
    String(result.p50),
    String(result.p99),
    String(result.errors),
    micros(result.cpuPerRequest),
    ...(withDatabase ? [micros(result.databaseCpuPerRequest)] : []),
  ]);
  const widths = columns.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
  console.log('');
}

export interface Ratio {
  label: string;
  numerator: LoadResult;
  denominator: LoadResult;
  /** The ratio to reach, when there is one. */
  target?: number;
}

/**
 * Prints each ratio of req/s, with whether its target is met, and the same ratio computed from the
 * servers' CPU time per request (steadier when other processes compete for the CPU). Returns false
 * if a target is missed.
 */
export function printRatios(ratios: Ratio[]): boolean {
  let allMet = true;
  for (const { label, numerator, denominator, target } of ratios) {
    const value = numerator.requestsPerSecond / denominator.requestsPerSecond;
    const met = target === undefined || value >= target;
    allMet &&= met;
    const verdict = target === undefined ? '' : met ? `  (target ≥ ${target}: met)` : `  (target ≥ ${target}: MISSED)`;
    const cpu =
      numerator.cpuPerRequest && denominator.cpuPerRequest ? `; by server CPU per request: ${(denominator.cpuPerRequest / numerator.cpuPerRequest).toFixed(2)}` : '';
    console.log(`${label}: ${value.toFixed(2)}${verdict}${cpu}`);
  }
  console.log('');
  return allMet;
}

/**
 * A node:test reporter that writes one JSON line per coverage report: each file's path, lines and
 * covered lines. `scripts/test-with-coverage.ts` reads it to check the floor; the spec reporter
 * beside it prints the table. Plain JavaScript: the test runner loads reporters before tsx.
 *
 * @param {AsyncIterable<import('node:test/reporters').TestEvent>} source
 */
export default async function* coverageLines(source) {
  for await (const event of source) {
    if (event.type !== 'test:coverage') continue;
    const files = event.data.summary.files.map((f) => ({ path: f.path, lines: f.totalLineCount, covered: f.coveredLineCount }));
    yield `${JSON.stringify(files)}\n`;
  }
}

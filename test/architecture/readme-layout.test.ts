import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../server/config.ts';

/**
 * The README's layout table says where things are: each folder it names is there, and each folder
 * of `server/`, `client/`, `shared/` and `test/` is named in its row. A row's first cell is a
 * folder of the project; a folder named in its text (`tokens/`, `test/e2e/`) is inside that one
 * unless it starts with it. Names with a placeholder (`<lang>/audio/`) are not checked.
 */
interface Row {
  folder: string;
  named: string[];
}

function layoutRows(): Row[] {
  const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Layout\n'));
  assert.ok(section, 'the README has a Layout section');
  return section
    .split('\n')
    .filter((line) => /^\| `[^`]+\/` \|/.test(line))
    .map((line) => {
      const [, first, text] = /^\| `([^`]+\/)` \|(.*)\|$/.exec(line)!;
      const names = [...text!.matchAll(/`([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\/)`/g)].map((m) => m[1]!);
      return { folder: first!, named: names.map((name) => path.posix.normalize(name.startsWith(first!) ? name : `${first}${name}`)) };
    });
}

const isFolder = (relative: string) => fs.statSync(path.join(projectRoot, relative), { throwIfNoEntry: false })?.isDirectory() === true;

test('every folder the README layout table names is in the tree', () => {
  const rows = layoutRows();
  assert.ok(rows.length > 5, 'the table has its rows');
  const missing = rows.flatMap((row) => [row.folder, ...row.named]).filter((folder) => !isFolder(folder));
  assert.deepEqual(missing, []);
});

test('every folder of server/, client/, shared/ and test/ is named in its row of the README layout table', () => {
  const rows = layoutRows();
  const unnamed = ['server/', 'client/', 'shared/', 'test/'].flatMap((folder) => {
    const row = rows.find((r) => r.folder === folder);
    assert.ok(row, `the table has a row for ${folder}`);
    return fs
      .readdirSync(path.join(projectRoot, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}${entry.name}/`)
      .filter((sub) => !row.named.includes(sub));
  });
  assert.deepEqual(unnamed, []);
});

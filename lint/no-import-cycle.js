import fs from 'node:fs';
import path from 'node:path';

/**
 * `local/no-import-cycle`: a module must not import (at run time) a module that imports it back,
 * directly or round a longer cycle. The linted file's imports come from its syntax tree; the other
 * modules' from their files on disk, read once per run. Type-only imports vanish at run time and
 * do not count. Relative imports only: the project's own modules.
 */

const importPattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.{1,2}\/[^']+)'/gm;
const importsOnDisk = new Map();

function runtimeImportsOnDisk(file) {
  if (!importsOnDisk.has(file)) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    importsOnDisk.set(file, [...text.matchAll(importPattern)].filter((m) => m[1] === undefined).map((m) => path.resolve(path.dirname(file), m[2])));
  }
  return importsOnDisk.get(file);
}

/** The way from `start` back to `target`, or undefined when there is none. */
function wayBack(start, target) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, way] = stack.pop();
    if (file === target) return way;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of runtimeImportsOnDisk(file)) stack.push([next, [...way, next]]);
  }
  return undefined;
}

const isTypeOnly = (node) => node.importKind === 'type' || node.exportKind === 'type';

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between the modules of the project' },
    messages: { cycle: 'Import cycle: {{ way }}.' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.') || isTypeOnly(node)) return;
      const way = wayBack(path.resolve(path.dirname(file), source), file);
      if (way) context.report({ node: node.source, messageId: 'cycle', data: { way: [file, ...way].map((f) => path.relative(context.cwd, f)).join(' -> ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

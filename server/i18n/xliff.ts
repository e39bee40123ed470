import { childElements, escapeXml, parseXml, textOnly, XmlError, type XmlElement } from './xml.ts';

/**
 * XLIFF 1.2 and 2.0 for translators who work in CAT tools: one `<file>` per namespace, one unit
 * per key with the Dutch source, the target and the context as a note. 2.0 is the current OASIS
 * standard; 1.2 is what most tools read (Debian's translate-toolkit, Okapi, older Trados and
 * memoQ set-ups). The unit state carries the status file's state:
 *
 * | platform   | XLIFF 2.0                                 | XLIFF 1.2 `<target state>`  |
 * |------------|-------------------------------------------|-----------------------------|
 * | no target  | `initial`                                 | no `<target>`               |
 * | draft      | `translated`, `subState="wavepanel:draft"`| `needs-review-translation`  |
 * | translated | `translated`                              | `translated`                |
 * | reviewed   | `reviewed` (`final` read as reviewed)     | `signed-off` (`final` too)  |
 *
 * In 1.2 translated and reviewed units are also `approved="yes"`: translate-toolkit (and Pootle,
 * Virtaal) take a unit that is not approved as fuzzy. A 1.2 unit's id is `<namespace>:<key>`,
 * which `xliff2po` keeps as the PO reference, so a PO file brought back with `po2xliff` still
 * says where each text belongs.
 */

export const xliffNamespaces = { '1.2': 'urn:oasis:names:tc:xliff:document:1.2', '2.0': 'urn:oasis:names:tc:xliff:document:2.0' } as const;
export type XliffVersion = keyof typeof xliffNamespaces;
export const xliffVersions = Object.keys(xliffNamespaces) as XliffVersion[];

export type UnitState = 'initial' | 'draft' | 'translated' | 'reviewed';

export interface XliffUnit {
  key: string;
  source: string;
  target?: string;
  state: UnitState;
  note?: string;
}

export interface XliffFile {
  id: string;
  units: XliffUnit[];
}

export interface XliffDocument {
  srcLang: string;
  trgLang: string;
  files: XliffFile[];
}

const xliff11Namespace = 'urn:oasis:names:tc:xliff:document:1.1';
const draftSubState = 'wavepanel:draft';
const nmtoken = /^[\p{L}\p{N}._:-]+$/u;

function writeXliff20(document: XliffDocument): string[] {
  const lines = [`<xliff xmlns="${xliffNamespaces['2.0']}" version="2.0" srcLang="${escapeXml(document.srcLang)}" trgLang="${escapeXml(document.trgLang)}">`];
  for (const file of document.files) {
    lines.push(`  <file id="${escapeXml(file.id)}">`);
    file.units.forEach((unit, index) => {
      const id = nmtoken.test(unit.key) ? unit.key : `u${index + 1}`;
      lines.push(`    <unit id="${escapeXml(id)}" name="${escapeXml(unit.key)}">`);
      if (unit.note) lines.push(`      <notes><note category="context">${escapeXml(unit.note)}</note></notes>`);
      const state = unit.state === 'draft' ? `translated" subState="${draftSubState}` : unit.state;
      lines.push(`      <segment state="${state}">`, `        <source>${escapeXml(unit.source)}</source>`);
      if (unit.target !== undefined) lines.push(`        <target>${escapeXml(unit.target)}</target>`);
      lines.push('      </segment>', '    </unit>');
    });
    lines.push('  </file>');
  }
  lines.push('</xliff>');
  return lines;
}

const states12: Record<Exclude<UnitState, 'initial'>, string> = { draft: 'needs-review-translation', translated: 'translated', reviewed: 'signed-off' };

function writeXliff12(document: XliffDocument): string[] {
  const lines = [`<xliff xmlns="${xliffNamespaces['1.2']}" version="1.2">`];
  for (const file of document.files) {
    lines.push(
      `  <file original="${escapeXml(file.id)}" source-language="${escapeXml(document.srcLang)}" target-language="${escapeXml(document.trgLang)}" datatype="plaintext">`,
      '    <body>',
    );
    for (const unit of file.units) {
      const approved = unit.state === 'translated' || unit.state === 'reviewed' ? ' approved="yes"' : '';
      const id = escapeXml(`${file.id}:${unit.key}`);
      lines.push(`      <trans-unit id="${id}" resname="${escapeXml(unit.key)}"${approved} xml:space="preserve">`, `        <source>${escapeXml(unit.source)}</source>`);
      if (unit.target !== undefined && unit.state !== 'initial') lines.push(`        <target state="${states12[unit.state]}">${escapeXml(unit.target)}</target>`);
      if (unit.note) lines.push(`        <note from="developer">${escapeXml(unit.note)}</note>`);
      lines.push('      </trans-unit>');
    }
    lines.push('    </body>', '  </file>');
  }
  lines.push('</xliff>');
  return lines;
}

export function writeXliff(document: XliffDocument, version: XliffVersion = '2.0'): string {
  const body = version === '1.2' ? writeXliff12(document) : writeXliff20(document);
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...body, ''].join('\n');
}

export class XliffError extends Error {}

/** Text of a `<source>` or `<target>`; inline markup is refused because the export never makes any. */
function plainText(element: XmlElement, where: string): string {
  const content = textOnly(element);
  if ('inline' in content) throw new XliffError(`${where}: inline element <${content.inline}> is not supported; keep the text plain`);
  return content.text;
}

function noteText(notes: XmlElement[]): string | undefined {
  const text = notes.map((n) => n.children.filter((c): c is string => typeof c === 'string').join('')).join('\n');
  return text || undefined;
}

function unitOf(key: string, source: string, target: string | undefined, state: UnitState, note: string | undefined): XliffUnit {
  const unit: XliffUnit = { key, source, state: target === undefined ? 'initial' : state, ...(note ? { note } : {}) };
  return target === undefined ? unit : { ...unit, target };
}

const states20 = new Set(['initial', 'translated', 'reviewed', 'final']);

function readUnit20(unit: XmlElement, fileId: string): XliffUnit {
  const key = unit.attributes.name ?? unit.attributes.id;
  if (!key) throw new XliffError(`a unit in file ${fileId} has no id`);
  const where = `${fileId} / ${key}`;
  const segments = childElements(unit).filter((c) => c.name === 'segment' || c.name === 'ignorable');
  if (!segments.some((s) => s.name === 'segment')) throw new XliffError(`${where}: the unit has no segment`);
  let source = '';
  let target: string | undefined;
  let state: UnitState = 'translated';
  for (const segment of segments) {
    const sourceElement = childElements(segment, 'source')[0];
    if (!sourceElement) throw new XliffError(`${where}: a segment has no source`);
    source += plainText(sourceElement, where);
    const targetElement = childElements(segment, 'target')[0];
    if (targetElement) target = (target ?? '') + plainText(targetElement, where);
    if (segment.name !== 'segment') continue;
    const segmentState = segment.attributes.state ?? 'initial';
    if (!states20.has(segmentState)) throw new XliffError(`${where}: unknown segment state '${segmentState}'`);
    if (segmentState === 'reviewed' || segmentState === 'final') state = 'reviewed';
    else if (segment.attributes.subState === draftSubState) state = 'draft';
  }
  return unitOf(key, source, target, state, noteText(childElements(unit, 'notes').flatMap((notes) => childElements(notes, 'note'))));
}

function readXliff20(root: XmlElement): XliffDocument {
  const { srcLang, trgLang } = root.attributes;
  if (!srcLang || !trgLang) throw new XliffError('srcLang and trgLang are required');
  const files = childElements(root, 'file').map((file): XliffFile => {
    const id = file.attributes.id;
    if (!id) throw new XliffError('a <file> has no id');
    const units: XliffUnit[] = [];
    const walk = (parent: XmlElement) => {
      for (const child of childElements(parent)) {
        if (child.name === 'group') walk(child);
        if (child.name === 'unit') units.push(readUnit20(child, id));
      }
    };
    walk(file);
    return { id, units };
  });
  return { srcLang, trgLang, files };
}

/**
 * 1.2 target states as the platform's: signed-off and final are reviewed, the `needs-` states
 * and `new` a draft (translate-toolkit writes a fuzzy PO entry as `needs-translation`), others,
 * `x-` states and a target without a state translated.
 */
function state12(target: XmlElement, where: string): UnitState {
  const state = target.attributes.state;
  if (state === 'signed-off' || state === 'final') return 'reviewed';
  if (state === undefined || state === 'translated' || state.startsWith('x-')) return 'translated';
  if (state === 'new' || state.startsWith('needs-')) return 'draft';
  throw new XliffError(`${where}: unknown target state '${state}'`);
}

/**
 * Where a 1.2 unit belongs: `resname` (and the file's `original`) as the export writes them, or,
 * in a file Debian's translate-toolkit wrote from PO (`po2xliff`), the PO reference the unit
 * carries: the export's unit id `<namespace>:<key>`, which PO keeps as `#: <namespace>:<key>`.
 */
function placeOf12(unit: XmlElement, fileId: string): { namespace: string; key: string } | undefined {
  if (unit.attributes.resname) return { namespace: fileId, key: unit.attributes.resname };
  const reference = childElements(unit, 'context-group').find((group) => group.attributes.name === 'po-reference');
  const part = (type: string) => childElements(reference ?? unit, 'context').find((c) => c.attributes['context-type'] === type)?.children.join('');
  const [namespace, key] = [part('sourcefile'), part('linenumber')];
  return namespace && key ? { namespace, key } : undefined;
}

function readXliff12(root: XmlElement, lang: string | undefined): XliffDocument {
  const files = childElements(root, 'file');
  const stated = files.find((file) => file.attributes['target-language'])?.attributes;
  const trgLang = stated?.['target-language'] ?? lang;
  const srcLang = stated ? stated['source-language'] : 'nl';
  if (!trgLang || !srcLang) throw new XliffError('the file does not say its target-language; name the language to import it as');
  const byNamespace = new Map<string, XliffUnit[]>();
  for (const file of files) {
    const fileId = file.attributes.original ?? '';
    if (file.attributes['target-language'] && (file.attributes['source-language'] !== srcLang || file.attributes['target-language'] !== trgLang)) {
      throw new XliffError(`file ${fileId}: all files must have the same source-language and target-language`);
    }
    const walk = (parent: XmlElement) => {
      for (const child of childElements(parent)) {
        if (child.name === 'group' || child.name === 'body') walk(child);
        if (child.name !== 'trans-unit' || child.attributes.restype === 'x-gettext-domain-header') continue;
        const place = placeOf12(child, fileId);
        if (!place) throw new XliffError(`trans-unit ${child.attributes.id ?? ''} in file ${fileId} has no resname`);
        const where = `${place.namespace} / ${place.key}`;
        const sourceElement = childElements(child, 'source')[0];
        if (!sourceElement) throw new XliffError(`${where}: the trans-unit has no source`);
        const targetElement = childElements(child, 'target')[0];
        const text = targetElement && plainText(targetElement, where);
        // An empty target without a state is an untranslated unit (translate-toolkit writes them so).
        const target = text !== undefined && (text !== '' || targetElement?.attributes.state) ? text : undefined;
        const state = targetElement && target !== undefined ? state12(targetElement, where) : 'initial';
        const units = byNamespace.get(place.namespace) ?? [];
        units.push(unitOf(place.key, plainText(sourceElement, where), target, state, noteText(childElements(child, 'note'))));
        byNamespace.set(place.namespace, units);
      }
    };
    walk(file);
  }
  return { srcLang, trgLang, files: [...byNamespace].map(([id, units]) => ({ id, units })) };
}

/**
 * Reads an XLIFF 1.2 or 2.x document into units; throws `XliffError` when it is neither. 1.1, which
 * translate-toolkit's `po2xliff` writes, is read as 1.2 (the parts used here are the same); such a
 * file names no target language, so the caller gives `lang`.
 */
export function readXliff(text: string, lang?: string): XliffDocument & { version: XliffVersion } {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new XliffError(`not well-formed XML: ${error.message}`);
    throw error;
  }
  const version = root.attributes.version ?? '';
  if (root.name === 'xliff' && root.ns === xliffNamespaces['2.0'] && /^2\.\d$/.test(version)) return { version: '2.0', ...readXliff20(root) };
  if (root.name === 'xliff' && root.ns === xliffNamespaces['1.2'] && version === '1.2') return { version: '1.2', ...readXliff12(root, lang) };
  if (root.name === 'xliff' && root.ns === xliff11Namespace && version === '1.1') return { version: '1.2', ...readXliff12(root, lang) };
  throw new XliffError(
    `not an XLIFF 1.2 or 2 document (expected <xliff version="1.2" xmlns="${xliffNamespaces['1.2']}"> or <xliff version="2.0" xmlns="${xliffNamespaces['2.0']}">)`,
  );
}

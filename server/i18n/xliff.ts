import { childElements, escapeXml, parseXml, XmlError, type XmlElement } from './xml.ts';

/**
 * XLIFF 2.0 for translators who work in CAT tools: one `<file>` per namespace, one `<unit>` per
 * key (its `name` is the key; its `id` too when the key is a valid XML token), one segment with
 * the Dutch `<source>` and the `<target>`, and the context as a note. Segment state carries the
 * status: `initial` (no translation), `translated` (draft), `reviewed` (reviewed translation).
 */

export const xliffNamespace = 'urn:oasis:names:tc:xliff:document:2.0';

export type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';

export interface XliffUnit {
  key: string;
  source: string;
  target?: string;
  state: SegmentState;
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

const nmtoken = /^[\p{L}\p{N}._:-]+$/u;

export function writeXliff(document: XliffDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${xliffNamespace}" version="2.0" srcLang="${escapeXml(document.srcLang)}" trgLang="${escapeXml(document.trgLang)}">`,
  ];
  for (const file of document.files) {
    lines.push(`  <file id="${escapeXml(file.id)}">`);
    file.units.forEach((unit, index) => {
      const id = nmtoken.test(unit.key) ? unit.key : `u${index + 1}`;
      lines.push(`    <unit id="${escapeXml(id)}" name="${escapeXml(unit.key)}">`);
      if (unit.note) lines.push(`      <notes><note category="context">${escapeXml(unit.note)}</note></notes>`);
      lines.push(`      <segment state="${unit.state}">`);
      lines.push(`        <source>${escapeXml(unit.source)}</source>`);
      if (unit.target !== undefined) lines.push(`        <target>${escapeXml(unit.target)}</target>`);
      lines.push('      </segment>', '    </unit>');
    });
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}

export class XliffError extends Error {}

/** Text of a `<source>` or `<target>`; inline markup is refused because the export never makes any. */
function plainText(element: XmlElement, where: string): string {
  return element.children
    .map((child) => {
      if (typeof child === 'string') return child;
      throw new XliffError(`${where}: inline element <${child.name}> is not supported; keep the text plain`);
    })
    .join('');
}

const states = new Set<string>(['initial', 'translated', 'reviewed', 'final']);

/** Reads an XLIFF 2.x document into units; throws `XliffError` when it is not one. */
export function readXliff(text: string): XliffDocument {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new XliffError(`not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'xliff' || !/^2\.\d$/.test(root.attributes.version ?? '') || root.attributes.xmlns !== xliffNamespace) {
    throw new XliffError('not an XLIFF 2 document (expected <xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">)');
  }
  const srcLang = root.attributes.srcLang;
  const trgLang = root.attributes.trgLang;
  if (!srcLang || !trgLang) throw new XliffError('srcLang and trgLang are required');
  const files = childElements(root, 'file').map((file): XliffFile => {
    const id = file.attributes.id;
    if (!id) throw new XliffError('a <file> has no id');
    const units: XliffUnit[] = [];
    const walk = (parent: XmlElement) => {
      for (const child of childElements(parent)) {
        if (child.name === 'group') walk(child);
        if (child.name !== 'unit') continue;
        const key = child.attributes.name ?? child.attributes.id;
        if (!key) throw new XliffError(`a unit in file ${id} has no id`);
        const where = `${id} / ${key}`;
        const segments = childElements(child).filter((c) => c.name === 'segment' || c.name === 'ignorable');
        if (!segments.some((s) => s.name === 'segment')) throw new XliffError(`${where}: the unit has no segment`);
        let source = '';
        let target: string | undefined;
        let state: SegmentState = 'initial';
        for (const segment of segments) {
          const sourceElement = childElements(segment, 'source')[0];
          if (!sourceElement) throw new XliffError(`${where}: a segment has no source`);
          source += plainText(sourceElement, where);
          const targetElement = childElements(segment, 'target')[0];
          if (targetElement) target = (target ?? '') + plainText(targetElement, where);
          if (segment.name === 'segment') {
            const segmentState = segment.attributes.state ?? 'initial';
            if (!states.has(segmentState)) throw new XliffError(`${where}: unknown segment state '${segmentState}'`);
            state = segmentState as SegmentState;
          }
        }
        const note = childElements(child, 'notes')
          .flatMap((notes) => childElements(notes, 'note'))
          .map((n) => n.children.filter((c): c is string => typeof c === 'string').join(''))
          .join('\n');
        const unit: XliffUnit = { key, source, state, ...(note ? { note } : {}) };
        units.push(target === undefined ? unit : { ...unit, target });
      }
    };
    walk(file);
    return { id, units };
  });
  return { srcLang, trgLang, files };
}

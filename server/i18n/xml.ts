/**
 * A small, strict XML reader and text escaping, enough for XLIFF: elements, attributes, text,
 * CDATA, comments and processing instructions. Document type declarations are refused, so no
 * entity can expand or reach outside the file. Names keep their prefix off (`local name`).
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// eslint-disable-next-line no-control-regex
export const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(text: string, at: number): string {
  return text.replace(/&([^;&\s]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new XmlError(`unterminated entity near character ${at}`);
    let code: number | undefined;
    if (/^#x[0-9a-fA-F]+$/.test(entity)) code = parseInt(entity.slice(2), 16);
    else if (/^#[0-9]+$/.test(entity)) code = parseInt(entity.slice(1), 10);
    else if (named[entity] !== undefined) return named[entity];
    if (code === undefined || code > 0x10ffff || forbiddenCharacters.test(String.fromCodePoint(code))) {
      throw new XmlError(`unknown entity &${entity}; near character ${at}`);
    }
    return String.fromCodePoint(code);
  });
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

export function parseXml(input: string): XmlElement {
  // XML reads every line break as \n; a carriage return that matters is written as &#13;.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (forbiddenCharacters.test(text)) throw new XmlError('the file holds characters XML does not allow');
  let position = 0;
  const stack: XmlElement[] = [{ name: '#document', attributes: {}, children: [] }];
  const nameChars = /[^\s/>=]+/y;

  while (position < text.length) {
    const open = text.indexOf('<', position);
    const end = open === -1 ? text.length : open;
    if (end > position) {
      const chunk = text.slice(position, end);
      if (stack.length === 1) {
        if (chunk.trim()) throw new XmlError(`text outside the root element near character ${position}`);
      } else {
        stack.at(-1)!.children.push(decode(chunk, position));
      }
      position = end;
      continue;
    }
    if (text.startsWith('<!--', position)) {
      const close = text.indexOf('-->', position + 4);
      if (close === -1) throw new XmlError('unterminated comment');
      position = close + 3;
    } else if (text.startsWith('<![CDATA[', position)) {
      const close = text.indexOf(']]>', position);
      if (close === -1 || stack.length === 1) throw new XmlError('misplaced or unterminated CDATA section');
      stack.at(-1)!.children.push(text.slice(position + 9, close));
      position = close + 3;
    } else if (text.startsWith('<!', position)) {
      throw new XmlError('document type declarations are not accepted');
    } else if (text.startsWith('<?', position)) {
      const close = text.indexOf('?>', position);
      if (close === -1) throw new XmlError('unterminated processing instruction');
      position = close + 2;
    } else if (text.startsWith('</', position)) {
      const close = text.indexOf('>', position);
      if (close === -1) throw new XmlError('unterminated end tag');
      const name = localName(text.slice(position + 2, close).trim());
      const element = stack.pop();
      if (!element || stack.length === 0 || element.name !== name) throw new XmlError(`unexpected end tag </${name}> near character ${position}`);
      stack.at(-1)!.children.push(element);
      position = close + 1;
    } else {
      nameChars.lastIndex = position + 1;
      const nameMatch = nameChars.exec(text);
      if (!nameMatch) throw new XmlError(`malformed tag near character ${position}`);
      const element: XmlElement = { name: localName(nameMatch[0]), attributes: {}, children: [] };
      if (stack.length === 1 && stack[0]!.children.length > 0) throw new XmlError('more than one root element');
      position = nameChars.lastIndex;
      const attribute = /\s+([^\s/>=]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
      for (;;) {
        attribute.lastIndex = position;
        const match = attribute.exec(text);
        if (!match) break;
        const attributeName = match[1]!;
        if (attributeName in element.attributes) throw new XmlError(`attribute ${attributeName} given twice near character ${position}`);
        element.attributes[attributeName] = decode(match[3] ?? match[4] ?? '', position);
        position = attribute.lastIndex;
      }
      const tail = /\s*(\/?)>/y;
      tail.lastIndex = position;
      const closing = tail.exec(text);
      if (!closing) throw new XmlError(`malformed tag <${element.name}> near character ${position}`);
      position = tail.lastIndex;
      if (closing[1]) stack.at(-1)!.children.push(element);
      else stack.push(element);
    }
  }
  if (stack.length !== 1) throw new XmlError(`element <${stack.at(-1)!.name}> is not closed`);
  const root = stack[0]!.children.find((child): child is XmlElement => typeof child !== 'string');
  if (!root) throw new XmlError('no root element');
  return root;
}

export function escapeXml(text: string): string {
  if (forbiddenCharacters.test(text)) throw new XmlError('text holds characters XML cannot carry');
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

import { SaxesParser } from 'saxes';

/**
 * Reading XML (XLIFF) into a small tree with saxes, a maintained, conformant, namespace-aware
 * parser: elements carry their namespace URI and local name, so `<x:target>` with the right
 * prefix is a target and `<target>` in another namespace is not. Document type declarations are
 * refused, so no entity can expand or reach outside the file. Text escaping for the writers.
 */

export interface XmlElement {
  /** Namespace URI ('' for none) and local name. */
  ns: string;
  name: string;
  /** Attributes without a namespace by local name; `xml:lang` and other namespaced ones as `prefix:local`. */
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

// eslint-disable-next-line no-control-regex
export const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function parseXml(input: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: XmlError | undefined;
  const fail = (message: string) => {
    failure ??= new XmlError(message);
  };
  parser.on('error', (error) => fail(error.message));
  parser.on('doctype', () => fail('document type declarations are not accepted'));
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      attributes[attribute.uri ? attribute.name : attribute.local] = attribute.value;
    }
    const element: XmlElement = { ns: tag.uri ?? '', name: tag.local ?? tag.name, attributes, children: [] };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const text = (value: string) => {
    if (stack.length) stack.at(-1)!.children.push(value);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(input.replace(/^\uFEFF/, '')).close();
  } catch (error) {
    fail((error as Error).message);
  }
  if (failure) throw failure;
  if (!root) throw new XmlError('no root element');
  return root;
}

export function escapeXml(text: string): string {
  if (forbiddenCharacters.test(text)) throw new XmlError('text holds characters XML cannot carry');
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === element.ns && (name === undefined || c.name === name));
}

/** The text of an element that holds only text, or the name of the first element inside it. */
export function textOnly(element: XmlElement): { text: string } | { inline: string } {
  const inline = element.children.find((c): c is XmlElement => typeof c !== 'string');
  if (inline) return { inline: inline.name };
  return { text: element.children.join('') };
}

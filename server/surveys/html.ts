import sanitizeHtml from 'sanitize-html';


const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'span', 'div', 'a'],
  allowedAttributes: { a: ['href'], span: ['lang', 'dir'], div: ['lang', 'dir'], p: ['lang', 'dir'] },
  allowedSchemes: ['https', 'mailto', 'tel'],
  disallowedTagsMode: 'escape',
};

/** Keeps simple formatting, turns scripts, handlers and styles into visible text. */
export function sanitizeSurveyHtml(html: string): string {
  return sanitizeHtml(html, allowed);
}

/** `{name}` placeholders: SurveyJS pipes answers into them without encoding. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\s*([^{}]+?)\s*\}/g)].map((m) => m[1]!);
}

/** The text of an HTML fragment from a survey definition: shown as text, so its markup creates no element and runs nothing. */
export function plainText(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}

/**
 * Faces beside the labels of answer scales that a picture explains better than words, for
 * respondents who read little. Inline SVG, decorative (`aria-hidden`): the label says it all.
 */

/** 0 = worst, 1 = best; `null` = "don't know" (a face with a question mark). */
export type Mood = number | null;

const scales: Record<string, Record<string, Mood>> = {
  participation_difficulty: { very_difficult: 0, bit_difficult: 1 / 3, bit_easy: 2 / 3, very_easy: 1 },
  job_chance: { very_small: 0, small: 1 / 3, large: 2 / 3, very_large: 1, dont_know: null },
};

/** The mood shown beside one answer of a question, or undefined when the question has no faces. */
export function moodFor(question: { name: string; getType(): string; rateMin?: number; rateMax?: number }, value: string): Mood | undefined {
  if (question.name === 'health' && question.getType() === 'rating') {
    const min = question.rateMin ?? 1;
    const max = question.rateMax ?? 10;
    const number = Number(value);
    return Number.isFinite(number) && max > min ? (number - min) / (max - min) : undefined;
  }
  const scale = scales[question.name];
  return scale && value in scale ? scale[value] : undefined;
}

const svgNs = 'http://www.w3.org/2000/svg';

function node(name: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

/** Red (0) through amber to green (1), dark enough to keep 3:1 contrast on white. */
function colour(mood: number): string {
  const hue = Math.round(mood * 120);
  return `hsl(${hue} 75% 32%)`;
}

export function faceSvg(mood: Mood): SVGElement {
  const svg = node('svg', { viewBox: '0 0 32 32', width: '28', height: '28', class: 'face', 'aria-hidden': 'true', focusable: 'false' });
  const stroke = mood === null ? '#4b5563' : colour(mood);
  svg.append(node('circle', { cx: '16', cy: '16', r: '14', fill: 'none', stroke, 'stroke-width': '2.5' }));
  svg.append(node('circle', { cx: '11', cy: '12.5', r: '2', fill: stroke }));
  svg.append(node('circle', { cx: '21', cy: '12.5', r: '2', fill: stroke }));
  if (mood === null) {
    svg.append(node('path', { d: 'M13 20.5c0-2.5 6-2.5 6 0 0 1.6-3 1.6-3 3.5', fill: 'none', stroke, 'stroke-width': '2', 'stroke-linecap': 'round' }));
  } else {
    const bend = (mood - 0.5) * 12;
    svg.append(node('path', { d: `M9.5 21.5Q16 ${21.5 + bend} 22.5 21.5`, fill: 'none', stroke, 'stroke-width': '2.5', 'stroke-linecap': 'round' }));
  }
  return svg;
}

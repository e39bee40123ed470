import { countRangeText, disclosureNote, percentRangeText } from './report-markdown.ts';
import { allName, type ReportTexts } from './report-texts.ts';
import { allGroups, type CountCell, type Estimate, type GroupTable, type MeasureInfo, type PanelReport } from './report.ts';

/**
 * The report as one self-contained HTML page to print or turn into a PDF: A4, the study's name and
 * date, every table with its intervals, a bar chart per grouping (inline SVG, no script), and
 * footnotes on what is hidden and why; no workspace navigation. A cell holds the value on one line
 * and its interval below it, so it reads as `80.0 %` over `54.8–93.0`.
 */

const escape = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
const hiddenMark = 's';

function countCell(c: CountCell, x: ReportTexts): string {
  if (c.range) return `<td class="range">${escape(countRangeText(c.range))}</td>`;
  return c.suppressed || c.value === null ? `<td class="hidden">${hiddenMark}</td>` : `<td>${x.number(c.value)}</td>`;
}

function estimateCell(e: Estimate, decimals: number, unit: string, x: ReportTexts): string {
  if (e.range) return `<td class="range">${escape(percentRangeText(e.range, 1, x.number))}${unit}</td>`;
  if (e.suppressed) return `<td class="hidden">${hiddenMark}</td>`;
  if (e.value === null) return '<td>–</td>';
  return `<td>${x.number(e.value, decimals)}${unit}<span class="ci">${x.number(e.low!, decimals)}–${x.number(e.high!, decimals)}</span></td>`;
}

const unitOf = (m: MeasureInfo) => (m.statistic === 'share' ? ' %' : '');
const palette = ['#0b5394', '#b45f06', '#38761d', '#741b47', '#134f5c'];

/** Grouped bars: a group per category, a bar per series; a hidden value draws no bar. */
function barChart(title: string, categories: string[], series: { label: string; values: (number | null)[] }[], max: number, texts: ReportTexts): string {
  const width = 640;
  const height = 200;
  const left = 40;
  const bottom = 40;
  const plot = { w: width - left - 10, h: height - bottom - 20 };
  const band = plot.w / Math.max(1, categories.length);
  const bar = (band * 0.8) / Math.max(1, series.length);
  const top = max > 0 ? max : 1;
  const bars = categories.flatMap((_, i) =>
    series.map((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined) return '';
      const h = (v / top) * plot.h;
      return `<rect x="${(left + i * band + band * 0.1 + j * bar).toFixed(1)}" y="${(20 + plot.h - h).toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${palette[j % palette.length]}"/>`;
    }),
  );
  // A long group name goes on two lines, split at the space nearest its middle, so neighbouring names do not run into each other.
  const lines = (c: string) => {
    if (c.length * 4.5 < band || !c.includes(' ')) return [c];
    const spaces = [...c.matchAll(/ /g)].map((m) => m.index);
    const cut = spaces.reduce((best, i) => (Math.abs(i - c.length / 2) < Math.abs(best - c.length / 2) ? i : best));
    return [c.slice(0, cut), c.slice(cut + 1)];
  };
  const labels = categories.map((c, i) => {
    const x = (left + i * band + band / 2).toFixed(1);
    return `<text x="${x}" y="${height - bottom + 12}" text-anchor="middle">${lines(c).map((line, j) => `<tspan x="${x}" dy="${j === 0 ? 0 : 10}">${escape(line)}</tspan>`).join('')}</text>`;
  });
  const legend = series.map((s, j) => `<text x="${left + j * 90 + 14}" y="${height - 6}"><tspan fill="${palette[j % palette.length]}">■</tspan> ${escape(s.label)}</text>`);
  const axis = [0, top / 2, top].map((v) => `<text x="${left - 4}" y="${(20 + plot.h - (v / top) * plot.h + 3).toFixed(1)}" text-anchor="end">${texts.number(v, Number.isInteger(v) ? 0 : 1)}</text>`);
  return (
    `<figure><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}" font-size="9">` +
    `<line x1="${left}" y1="${20 + plot.h}" x2="${width - 10}" y2="${20 + plot.h}" stroke="#444"/>${axis.join('')}${bars.join('')}${labels.join('')}${legend.join('')}</svg>` +
    `<figcaption>${escape(texts.t('reportFile.chartNote', { title }))}</figcaption></figure>`
  );
}

function groupSection(t: GroupTable, measures: MeasureInfo[], x: ReportTexts): string {
  const label = (group: string) => (group === allGroups ? allName(t.unknownLeftOut, x) : (t.labels[group] ?? group));
  const first = measures[0];
  const chart = first
    ? barChart(
        `${first.label}${unitOf(first)}: ${t.title}`,
        [...t.groups, allGroups].map(label),
        t.waves.map((w) => ({ label: w.wave, values: [...w.cells, w.total].map((c) => (first.statistic === 'mean' ? c.means : c.percentages)[first.name]?.value ?? null) })),
        first.statistic === 'share' ? 100 : Math.max(0, ...t.waves.flatMap((w) => [...w.cells, w.total].map((c) => c.means[first.name]?.value ?? 0))),
        x,
      )
    : '';
  const tables = t.waves.map((w) => {
    const cells = [...w.cells, w.total];
    const head = `<tr><th scope="col"></th>${cells.map((c) => `<th scope="col">${escape(label(c.group))}</th>`).join('')}</tr>`;
    const rows = [
      `<tr><th scope="row">N</th>${cells.map((c) => countCell(c.n, x)).join('')}</tr>`,
      ...measures.map((m) => `<tr><th scope="row">${escape(x.t(`report.statistic.${m.statistic}`, { label: m.label }))}</th>${cells.map((c) => estimateCell((m.statistic === 'mean' ? c.means : c.percentages)[m.name]!, m.decimals, unitOf(m), x)).join('')}</tr>`),
    ];
    return `<table><caption>${escape(x.t('report.waveCaption', { wave: w.wave, title: t.title }))}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  });
  const note = t.unknownLeftOut ? `<p class="note">${escape(x.t('report.unknownLeftOut'))}</p>` : '';
  return `<section><h2>${escape(t.title)}</h2>${chart}${tables.join('')}${note}</section>`;
}

function missingSection(report: PanelReport, x: ReportTexts): string {
  if (report.missing.length === 0) return '';
  const head = `<tr><th scope="col"></th><th scope="col">${escape(x.t('report.missingValues'))}</th>${report.waves.map((w) => `<th scope="col">${escape(w)}</th>`).join('')}</tr>`;
  const rows = report.missing.map((m) => `<tr><th scope="row">${escape(m.label)}</th><td>${escape(m.values.join(', '))}</td>${m.waves.map((w) => countCell(w.count, x)).join('')}</tr>`);
  return `<section><h2>${escape(x.t('report.missing'))}</h2><p>${escape(x.t('report.missingHint'))}</p><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function comparisonSection(report: PanelReport, x: ReportTexts): string {
  const c = report.comparison;
  if (!c) return '';
  const rows = [
    ...c.rows.map((r) => `<tr><th scope="row">${escape(c.labels[r.value] ?? r.value)}</th>${countCell(r.counts[0], x)}${countCell(r.counts[1], x)}</tr>`),
    `<tr><th scope="row">${escape(x.t('report.total'))}</th>${countCell(c.total, x)}${countCell(c.total, x)}</tr>`,
    `<tr><th scope="row">${escape(x.t('report.statistic.share', { label: c.share.label }))}</th>${estimateCell(c.share.estimates[0], 1, ' %', x)}${estimateCell(c.share.estimates[1], 1, ' %', x)}</tr>`,
  ];
  return `<section><h2>${escape(c.title)}</h2><p>${escape(c.description)}</p><table><thead><tr><th scope="col"></th>${c.variables.map((v) => `<th scope="col">${escape(v)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function balancedSection(report: PanelReport, x: ReportTexts): string {
  const b = report.balancedPanel;
  const labels = report.groupings[0]?.labels ?? {};
  const groups = [...b.groups, b.total];
  const name = (g: string) => (g === allGroups ? allName(false, x) : (labels[g] ?? g));
  const rows = [
    `<tr><th scope="row">N</th>${groups.map((g) => countCell(g.n, x)).join('')}</tr>`,
    ...report.measures.map((m) => {
      const cells = groups.map((g) => {
        const c = g.changes[m.name]!;
        if (c.change.suppressed || c.first === null || c.last === null || c.change.value === null) return `<td class="hidden">${c.change.suppressed ? hiddenMark : '–'}</td>`;
        const d = m.decimals;
        return `<td>${c.change.value >= 0 ? '+' : ''}${x.number(c.change.value, d)}<span class="ci">${x.number(c.change.low!, d)}–${x.number(c.change.high!, d)}</span><span class="ci">${x.number(c.first, d)} → ${x.number(c.last, d)}</span></td>`;
      });
      return `<tr><th scope="row">${escape(m.statistic === 'share' ? x.t('reportFile.changePoints', { label: m.label }) : m.label)}</th>${cells.join('')}</tr>`;
    }),
  ];
  return (
    `<section><h2>${escape(x.t('report.balanced', { first: b.firstWave, last: b.lastWave }))}</h2><p>${escape(x.t('report.balancedHint', { first: b.firstWave, last: b.lastWave }))}</p>` +
    `<table><thead><tr><th scope="col"></th>${groups.map((g) => `<th scope="col">${escape(name(g.group))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

function attritionSection(report: PanelReport, x: ReportTexts): string {
  const labels = report.groupings[0]?.labels ?? {};
  const rows = [...report.attrition.rows, report.attrition.total].map((row) => {
    const cells = row.waves.map((w, i) => {
      if (i === 0) return countCell(w.n, x);
      const n = countCell(w.n, x).replace(/^<td[^>]*>|<\/td>$/g, '');
      const percent = estimateCell(w.percentOfFirst, 1, ' %', x).replace(/^<td[^>]*>|<\/td>$/g, '');
      return `<td>${n}<span class="ci">${percent}</span></td>`;
    });
    return `<tr><th scope="row">${escape(row.group === allGroups ? allName(false, x) : (labels[row.group] ?? row.group))}</th>${cells.join('')}</tr>`;
  });
  return (
    `<section><h2>${escape(x.t('report.attrition'))}</h2><p>${escape(x.t('reportFile.attritionHint', { first: report.waves[0] ?? '' }))}</p>` +
    `<table><thead><tr><th scope="col"></th>${report.waves.map((w) => `<th scope="col">${escape(w)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

const style = `
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; color: #111; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding: 1mm 0; }
th, td { border-bottom: 0.3pt solid #bbb; padding: 0.8mm 1.2mm; vertical-align: top; }
td { text-align: right; white-space: nowrap; } th[scope=row] { text-align: left; font-weight: normal; }
.ci { display: block; color: #555; font-size: 7pt; } .hidden { color: #777; } .range { font-style: italic; }
figure { margin: 0 0 3mm; break-inside: avoid; } figcaption { font-size: 7.5pt; color: #444; } svg { width: 100%; max-height: 62mm; }
.note, footer { font-size: 7.5pt; color: #333; } footer { border-top: 0.5pt solid #888; margin-top: 5mm; padding-top: 2mm; }
`;

export function reportHtml(report: PanelReport, x: ReportTexts): string {
  const date = report.generatedAt.slice(0, 10);
  const title = x.t('reportFile.title', { study: report.studyName });
  return (
    `<!doctype html>\n<html lang="${escape(x.language)}"><head><meta charset="utf-8"><title>${escape(title)} ${date}</title><style>${style}</style></head><body>` +
    `<header><h1>${escape(title)}</h1><p>${escape(x.t('reportFile.intro', { date, waves: report.waves.join(', ') }))}</p></header>` +
    report.groupings.map((t) => groupSection(t, report.measures, x)).join('') +
    missingSection(report, x) +
    comparisonSection(report, x) +
    balancedSection(report, x) +
    attritionSection(report, x) +
    `<footer><p><strong>${escape(x.t('reportFile.notPublished'))}</strong> ${escape(disclosureNote(report, x))} ${escape(x.t('reportFile.rangeNote', { mark: hiddenMark }))}</p></footer>` +
    '</body></html>\n'
  );
}

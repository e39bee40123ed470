import type { FieldworkLine as Line } from '../../../../shared/contract/fieldwork.ts';
import { useI18n } from '../../components/I18n.tsx';
import { useCell } from '../../components/useCell.ts';

const palette = ['#0b5394', '#b45f06', '#38761d', '#741b47', '#134f5c', '#7f6000'];

/**
 * Attrition as grouped bars in plain SVG (no canvas, so it prints and zooms sharply). Suppressed
 * cells have no bar and are marked with their label; the table beside it carries the same numbers
 * for screen readers, so the picture itself is decorative to them.
 */
export function AttritionChart({ waves, lines, title }: { waves: string[]; lines: Line[]; title: string }) {
  const { t } = useI18n();
  const cell = useCell();
  const values = lines.flatMap((l) => l.counts.filter((c): c is number => typeof c === 'number'));
  const max = Math.max(1, ...values);
  const width = 560;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const groupWidth = (width - left) / Math.max(1, waves.length);
  const barWidth = Math.max(6, (groupWidth - 16) / Math.max(1, lines.length));
  const y = (v: number) => height - bottom - (v / max) * (height - bottom - 10);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t('charts.seeTable', { title })}>
        <line x1={left} y1={height - bottom} x2={width} y2={height - bottom} stroke="#333" />
        <text x={left - 6} y={y(max) + 4} textAnchor="end" fontSize="11">
          {cell(max)}
        </text>
        <text x={left - 6} y={height - bottom + 4} textAnchor="end" fontSize="11">
          0
        </text>
        {waves.map((wave, w) => (
          <g key={wave}>
            <text x={left + w * groupWidth + groupWidth / 2} y={height - 10} textAnchor="middle" fontSize="12">
              {wave}
            </text>
            {lines.map((line, i) => {
              const value = line.counts[w];
              const x = left + w * groupWidth + 8 + i * barWidth;
              if (typeof value !== 'number') {
                return (
                  <text key={line.group} x={x + barWidth / 2} y={height - bottom - 4} textAnchor="middle" fontSize="10">
                    {cell(value ?? null)}
                  </text>
                );
              }
              return <rect key={line.group} x={x} y={y(value)} width={barWidth - 2} height={height - bottom - y(value)} fill={palette[i % palette.length]} />;
            })}
          </g>
        ))}
      </svg>
      <figcaption>
        {title}.{' '}
        {lines.map((line, i) => (
          <span key={line.group} className="legend">
            <span className="swatch" style={{ background: palette[i % palette.length] }} aria-hidden="true" /> {line.group}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

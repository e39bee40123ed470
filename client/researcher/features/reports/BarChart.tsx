import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../components/I18n.tsx';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ['#0b5394', '#b45f06', '#38761d', '#741b47', '#134f5c', '#7f6000'];

export interface Series {
  label: string;
  /** null: suppressed or missing, drawn as no bar. */
  values: (number | null)[];
}

/**
 * A grouped bar chart (chart.js on a canvas). The table next to it holds the same numbers with
 * their intervals, so for screen readers the canvas is a labelled image pointing there.
 */
export function BarChart({ title, categories, series, max }: { title: string; categories: string[]; series: Series[]; max?: number }) {
  const { t, language } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: categories,
        datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette[i % palette.length] })),
      },
      options: {
        locale: language,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ...(max === undefined ? {} : { max }) } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [categories, series, max, language]);
  return (
    <figure className="report-chart">
      <div style={{ position: 'relative', height: '260px' }}>
        <canvas ref={canvas} role="img" aria-label={t('charts.seeTable', { title })} />
      </div>
      <figcaption>{t('charts.suppressedNoBar', { title })}</figcaption>
    </figure>
  );
}

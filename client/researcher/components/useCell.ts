import { useI18n } from './I18n.tsx';

/** A count as the server sends it, in the workspace's number format, or its suppression mark (such as "<10") as it is. */
export function useCell(): (cell: number | string | null) => string {
  const { format } = useI18n();
  return (cell) => (cell === null ? '–' : typeof cell === 'number' ? format.number(cell) : cell);
}

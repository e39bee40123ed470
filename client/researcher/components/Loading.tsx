import { useI18n } from './I18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return <p>{t('common.loading')}</p>;
}

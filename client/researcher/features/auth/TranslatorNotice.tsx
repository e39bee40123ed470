import { useI18n } from '../../components/I18n.tsx';

/** What a translator sees on the researcher pages, which are not theirs: where their work is. */
export function TranslatorNotice() {
  const { t } = useI18n();
  return (
    <main>
      <h1>{t('translator.heading')}</h1>
      <p>{t('translator.text')}</p>
      <p>
        <a href="/translate">{t('translator.link')}</a>
      </p>
    </main>
  );
}

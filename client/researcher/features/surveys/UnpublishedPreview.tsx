import { useI18n } from '../../components/I18n.tsx';
import { languages } from '../../../shared/languages.ts';
import { unpublishedPreviewUrl } from '../../../shared/unpublished-survey.ts';

/** Links to the version about to be published, as respondents would see it in each language (opens in a new tab). */
export function UnpublishedPreview({ surveyId, version }: { surveyId: string; version: number }) {
  const { t } = useI18n();
  return (
    <p>
      {t('surveys.previewUnpublished', { survey: surveyId, version })}{' '}
      {languages.map((language) => (
        <a key={language.code} href={unpublishedPreviewUrl(surveyId, language.code)} target="_blank" rel="noopener" lang={language.code} dir={language.dir} className="preview-link">
          {language.name}
        </a>
      ))}
    </p>
  );
}

import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { Layout, type LanguageLink } from '../../views/layout';
import { safetyContent } from '../safety-content';

export function SafetyPage({ locale, languages }: { locale: Locale; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.safetyTitle} locale={locale} exit languages={languages}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{msg.safetyTitle}</h1>
          {safetyContent[locale].map((section) => (
            <section key={section.heading}>
              <h2 class="govuk-heading-m">{section.heading}</h2>
              {section.paragraphs.map((text) => (
                <p class="govuk-body" key={text}>
                  {text}
                </p>
              ))}
            </section>
          ))}
        </div>
      </div>
    </Layout>
  );
}

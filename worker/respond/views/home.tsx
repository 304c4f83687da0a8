import { t, type Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { Layout, type LanguageLink } from '../../views/layout';
import type { LiveForm } from '../queries';

export function HomePage({ forms, locale, languages }: { forms: LiveForm[]; locale: Locale; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.homeTitle} locale={locale} exit languages={languages}>
      <h1 class="govuk-heading-xl">{msg.homeTitle}</h1>
      <ul class="govuk-list">
        {forms.map((f) => (
          <li key={f.slug}>
            <a class="govuk-link" href={`/f/${f.slug}?lang=${locale}`}>
              {t(f.definition.title, locale)}
            </a>
          </li>
        ))}
      </ul>
      <p class="govuk-body">
        <a class="govuk-link" href={`/withdraw?lang=${locale}`}>
          {msg.footerWithdraw}
        </a>
      </p>
    </Layout>
  );
}

// /forms/paper: every live feedback form, each to print on paper (normal or large print, in each of its
// languages), for staff who hand forms out without a session.
import { t, type FormDefinition } from '../../../forms/definition';
import { LOCALE_NAMES } from '../../../i18n/messages';
import { StaffLayout } from '../../../views/staff-layout';
import type { Me } from '../../views/common';

export function PaperFormsPage({ me, forms }: { me: Me; forms: { slug: string; definition: FormDefinition }[] }) {
  return (
    <StaffLayout title="Paper forms" staff={me}>
      <h1 class="govuk-heading-l">Paper forms</h1>
      <p class="govuk-body">Print any form to fill in with a pen. For a session, print from the session's page instead: its sheets carry the session code on every page, and you can type them in afterwards.</p>
      {forms.length === 0 ? (
        <p class="govuk-body">No form is open for feedback.</p>
      ) : (
        <ul class="govuk-list heard-ways">
          {forms.map((f) => (
            <li key={f.slug}>
              <a class="govuk-link govuk-!-font-weight-bold" href={`/forms/${f.slug}/paper`}>
                {t(f.definition.title, 'en')}
              </a>
              <br />
              <span class="govuk-body-s">
                <a class="govuk-link" href={`/forms/${f.slug}/paper?size=large`}>
                  Large print<span class="govuk-visually-hidden">: {t(f.definition.title, 'en')}</span>
                </a>
                {f.definition.locales.slice(1).map((l) => (
                  <span key={l}>
                    {' · '}
                    <a class="govuk-link" href={`/forms/${f.slug}/paper?lang=${l}`} lang={l} hrefLang={l}>
                      {LOCALE_NAMES[l]}
                    </a>
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </StaffLayout>
  );
}

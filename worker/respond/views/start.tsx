import { t, type FormDefinition, type Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { Layout, type LanguageLink } from '../../views/layout';
import { offerParam } from '../../i18n/offered';
import { EasyReadSwitch, type EasyReadState } from './easy-read-switch';
import { Honeypot } from './honeypot';

/** A form's start page; in a session (`session`), it names the session and starts the form there. */
export function StartPage(props: {
  slug: string;
  form: FormDefinition;
  locale: Locale;
  languages: LanguageLink[];
  easyRead: EasyReadState;
  session?: { name: string; action: string };
}) {
  const { form, locale, slug } = props;
  const msg = messages(locale);
  const title = t(form.title, locale);
  return (
    <Layout title={title} locale={locale} exit languages={props.languages}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {props.session && <span class="govuk-caption-l">{msg.joinTakingPart(props.session.name)}</span>}
          <h1 class="govuk-heading-xl">{title}</h1>
          <EasyReadSwitch locale={locale} state={props.easyRead} />
          <h2 class="govuk-heading-m">{msg.startPurposeHeading}</h2>
          <p class="govuk-body">{t(form.purpose, locale)}</p>
          <h2 class="govuk-heading-m">{msg.startUseHeading}</h2>
          <p class="govuk-body">{t(form.howAnswersAreUsed, locale)}</p>
          <p class="govuk-body">{msg.startAnonymous}</p>
          <p class="govuk-body">{msg.startTime}</p>
          <div class="govuk-inset-text">
            {msg.startSafety}{' '}
            <a class="govuk-link" href={`/safety?lang=${locale}${offerParam(props.languages.map((l) => l.locale))}`}>
              {msg.startSafetyLink}
            </a>
          </div>
          <form method="post" action={props.session?.action ?? `/f/${slug}/start`} novalidate>
            <input type="hidden" name="lang" value={locale} />
            {/* Chosen before the draft exists, Easy Read rides in the start post and then lives in the draft. */}
            {props.easyRead.on && <input type="hidden" name="read" value="easy" />}
            <Honeypot locale={locale} />
            <button type="submit" class="govuk-button govuk-button--start">
              {msg.startNow}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

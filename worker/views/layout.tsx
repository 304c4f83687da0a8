// The page frame every page shares: language and direction, skip link, header, footer.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../forms/definition';
import { LOCALE_NAMES, messages, RTL_LOCALES } from '../i18n/messages';
import { offerParam } from '../i18n/offered';
import { assetPaths } from './assets';
import { ExitThisPage } from './exit-this-page';

export interface LanguageLink {
  locale: Locale;
  href: string;
}

export interface LayoutProps {
  title: string;
  locale: Locale;
  /** Respondent pages show "Exit this page" and load the optional exit-shortcut script. */
  exit?: boolean;
  /** Links to this page in the other languages the form offers. */
  languages?: LanguageLink[];
  /** The languages this journey offers, carried to the safety and withdrawal links (default: `languages`'). */
  offered?: readonly Locale[];
  /** Set when the page shows an error, so the title starts with "Error:". */
  hasErrors?: boolean;
  /** Extra stylesheets (paths from assets.ts) for this page only. */
  styles?: string[];
  children: ComponentChildren;
}

export function Layout({ title, locale, exit = false, languages = [], offered, hasErrors = false, styles = [], children }: LayoutProps) {
  const msg = messages(locale);
  const offer = offerParam(offered ?? languages.map((l) => l.locale));
  const fullTitle = `${hasErrors ? `${msg.errorPrefix} ` : ''}${title} – ${msg.serviceName}`;
  return (
    <html lang={locale} dir={RTL_LOCALES.has(locale) ? 'rtl' : 'ltr'} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{fullTitle}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <link rel="stylesheet" href={assetPaths.css} />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {exit && <script src={assetPaths.script} defer />}
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {msg.skipToContent}
        </a>
        <header class="govuk-generic-header">
          <div class="govuk-generic-header__container govuk-width-container">
            <div class="govuk-generic-header__logo">
              <a href="/" class="govuk-generic-header__homepage-link">
                {msg.serviceName}
              </a>
            </div>
          </div>
        </header>
        <div class="govuk-width-container">
          {languages.length > 1 && <LanguageNavigation current={locale} languages={languages} />}
          {exit && <ExitThisPage locale={locale} />}
          <main class="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <h2 class="govuk-visually-hidden">Support links</h2>
            <ul class="govuk-footer__inline-list">
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href={`/safety?lang=${locale}${offer}`}>
                  {msg.footerSafety}
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href={`/withdraw?lang=${locale}${offer}`}>
                  {msg.footerWithdraw}
                </a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

function LanguageNavigation({ current, languages }: { current: Locale; languages: LanguageLink[] }) {
  const msg = messages(current);
  return (
    <nav class="govuk-language-navigation" aria-label={msg.languageLabel}>
      <ul class="govuk-language-navigation__list">
        {languages.map(({ locale, href }) => (
          <li class="govuk-language-navigation__list-item" key={locale}>
            {locale === current ? (
              <span class="govuk-language-navigation__text" aria-current="true" lang={locale}>
                {LOCALE_NAMES[locale]}
              </span>
            ) : (
              <a class="govuk-language-navigation__link" href={href} rel="alternate" lang={locale} hreflang={locale} dir={RTL_LOCALES.has(locale) ? 'rtl' : 'ltr'}>
                {LOCALE_NAMES[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

// The A4 poster for a session: what it is for, the code and the QR code, in each of its languages.
// Printed from the browser; the staff header, navigation and this page's instructions do not print.
import { t, type FormDefinition, type Locale } from '../../forms/definition';
import { messages, RTL_LOCALES } from '../../i18n/messages';
import { StaffLayout } from '../../views/staff-layout';
import type { SessionDetail } from '../queries';
import { JoinCode, type Me } from './common';

export interface PosterProps {
  me: Me;
  session: SessionDetail;
  form: FormDefinition;
  locales: Locale[];
  /** Where people go (the join page), and the QR code of the session's own address. */
  join?: { base: string; qrSvg: string };
}

export function PosterPage({ me, session, form, locales, join }: PosterProps) {
  const code = session.joinCode ?? '';
  return (
    <StaffLayout title={`Poster: ${session.name}`} staff={me}>
      <div class="heard-no-print">
        <a class="govuk-back-link" href={`/sessions/${session.id}`}>
          Back to the session
        </a>
        <h1 class="govuk-heading-l">Poster</h1>
        <p class="govuk-body">Print this page on A4 (your browser's Print, or Ctrl and P). Only the poster prints.</p>
        {session.status !== 'open' && (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              This session is closed, so its code does not let anyone in.
            </strong>
          </div>
        )}
      </div>
      <section class="heard-poster" aria-label="The poster">
        {locales.map((locale, i) => {
          const msg = messages(locale);
          return (
            <div class="heard-poster__language" lang={locale} dir={RTL_LOCALES.has(locale) ? 'rtl' : 'ltr'} key={locale}>
              {i === 0 ? <h2 class="heard-poster__heading">{msg.posterHeading}</h2> : <p class="heard-poster__heading">{msg.posterHeading}</p>}
              <p class="heard-poster__purpose">{t(form.purpose, locale)}</p>
              <p class="heard-poster__small">{msg.posterAnonymous}</p>
            </div>
          );
        })}
        <div class="heard-poster__join">
          <div>
            <p class="heard-poster__how">
              {messages(locales[0] ?? 'en').posterGoTo} <strong class="heard-poster__address">{join ? join.base : '/j'}</strong> {messages(locales[0] ?? 'en').posterTypeCode}
            </p>
            <p class="heard-poster__code">
              <JoinCode code={code} size="xl" />
            </p>
          </div>
          {join && (
            <div>
              <p class="heard-poster__how">{messages(locales[0] ?? 'en').posterScan}</p>
              {/* Our own QR encoder, from an address we built: no user input. */}
              <div class="heard-poster__qr" role="img" aria-label={`QR code for ${join.base}/${code}`} dangerouslySetInnerHTML={{ __html: join.qrSvg }} />
            </div>
          )}
        </div>
        <p class="heard-poster__small">
          {session.name} · {session.place}
        </p>
      </section>
    </StaffLayout>
  );
}

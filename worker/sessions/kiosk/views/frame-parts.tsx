// What a kiosk adds to each page it shows: the idle notice and the "Are you still there?" warning
// (shown by web/kiosk.ts), and the discreet way out for the facilitator.
import type { Locale } from '../../../forms/definition';
import { messages } from '../../../i18n/messages';

/** Seconds as m:ss, the same in every language: no plural to get wrong while it counts down. */
export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** A time that counts down: web/kiosk.ts rewrites it each second. Not announced each second (role timer). */
export function Countdown({ seconds }: { seconds: number }) {
  return (
    <span class="heard-kiosk-clock" role="timer" dir="ltr" data-kiosk-left>
      {clock(seconds)}
    </span>
  );
}

export interface IdleProps {
  locale: Locale;
  seconds: number;
  warnSeconds: number;
  /** Where the tablet goes when nobody has touched it for `seconds`. */
  reset: string;
  /** Where the script says "still here" to the server, on pages with a draft. */
  keepAlive?: string;
}

/** The idle notice (for everyone) and the warning (hidden until the script shows it). */
export function KioskIdle({ locale, seconds, warnSeconds, reset, keepAlive }: IdleProps) {
  const msg = messages(locale);
  return (
    <div class="heard-kiosk-idle" data-idle={seconds} data-warn={warnSeconds} data-reset={reset} data-keep-alive={keepAlive}>
      <p class="govuk-body-s">{msg.kioskIdleNotice(seconds)}</p>
      <div class="heard-kiosk-warning" hidden role="alertdialog" aria-modal="false" aria-labelledby="kiosk-warning-title" aria-describedby="kiosk-warning-body">
        <h2 id="kiosk-warning-title" class="govuk-heading-m">
          {msg.kioskStillThereTitle}
        </h2>
        <p id="kiosk-warning-body" class="govuk-body">
          {msg.kioskStillThereBody} <Countdown seconds={warnSeconds} />
        </p>
        <button type="button" class="govuk-button govuk-!-margin-bottom-0" data-kiosk-still-here>
          {msg.kioskStillHere}
        </button>
      </div>
    </div>
  );
}

export function LeaveLink({ locale }: { locale: Locale }) {
  return (
    <li class="govuk-footer__inline-list-item">
      <a class="govuk-footer__link" href="/k/leave">
        {messages(locale).kioskLeave}
      </a>
    </li>
  );
}

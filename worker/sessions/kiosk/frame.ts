// The kiosk's frame around every page a kiosk tablet shows, put on as the page streams out
// (HTMLRewriter), so the respondent's pages stay exactly as they are everywhere else:
// - the kiosk script, and without JavaScript a meta refresh (in <noscript>, so the script's own
//   timer, which knows about taps and typing, is the only one when it runs);
// - autocomplete="off" on every form and field: the browser must offer the next person nothing;
// - the kiosk's idle notice and warning instead of the 30-minute ones of a person's own device;
// - the discreet "Leave kiosk" link in the footer.
import { render } from 'preact-render-to-string';
import { LOCALES, type Locale } from '../../forms/definition';
import { assetPaths } from '../../views/assets';
import { KioskIdle, LeaveLink, type IdleProps } from './views/frame-parts';

export interface KioskFrame {
  /** Without JavaScript, go to `url` after `seconds` (a meta refresh). */
  refresh?: { seconds: number; url: string };
  /** The idle notice and warning; the script goes to `reset` after `seconds` without a tap. */
  idle?: Omit<IdleProps, 'locale'>;
  /** The "Leave kiosk" link (not on the leave page itself). */
  leaveLink: boolean;
}

type HtmlElement = Parameters<NonNullable<HTMLRewriterElementContentHandlers['element']>>[0];

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The frame for a page of the form (or a page it links to): back to the start after the idle time. */
export function idleFrame(seconds: number, keepAlive?: string): KioskFrame {
  const reset = '/k/reset';
  return { refresh: { seconds, url: reset }, idle: { seconds, warnSeconds: warningSeconds(seconds), reset, keepAlive }, leaveLink: true };
}

/** How long before the reset the warning shows: half the idle time, at most 30 seconds. */
export function warningSeconds(idleSeconds: number): number {
  return Math.max(1, Math.min(30, Math.floor(idleSeconds / 2)));
}

export function putOnFrame(response: Response, frame: KioskFrame): Response {
  // The page's own language, read from <html lang> before anything the frame adds is written.
  let locale: Locale = 'en';
  const head = [
    `<script src="${assetPaths.kioskScript}" defer></script>`,
    frame.refresh ? `<noscript><meta http-equiv="refresh" content="${frame.refresh.seconds};url=${escapeAttribute(frame.refresh.url)}"></noscript>` : '',
  ].join('');
  const noAutocomplete = { element: (el: HtmlElement) => void el.setAttribute('autocomplete', 'off') };
  return new HTMLRewriter()
    .on('html', {
      element(el) {
        const lang = el.getAttribute('lang');
        if (lang && (LOCALES as readonly string[]).includes(lang)) locale = lang as Locale;
      },
    })
    .on('head', { element: (el) => void el.append(head, { html: true }) })
    .on('form', noAutocomplete)
    .on('input', noAutocomplete)
    .on('textarea', noAutocomplete)
    .on('select', noAutocomplete)
    // A person's own device warns after 28 minutes; a kiosk has its own, much shorter, time.
    .on('.heard-timeout', { element: (el) => void el.remove() })
    .on('.heard-timeout-notice', { element: (el) => void el.remove() })
    .on('main', {
      element(el) {
        if (frame.idle) el.append(render(KioskIdle({ locale, ...frame.idle })), { html: true });
      },
    })
    .on('.govuk-footer__inline-list', {
      element(el) {
        if (frame.leaveLink) el.append(render(LeaveLink({ locale })), { html: true });
      },
    })
    .transform(response);
}

// A field no person sees or hears (display: none), which bots fill in.
import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';

export const HONEYPOT_FIELD = 'website';

export function Honeypot({ locale }: { locale: Locale }) {
  return (
    <div class="heard-honeypot" aria-hidden="true">
      <label for={HONEYPOT_FIELD}>{messages(locale).honeypotLabel}</label>
      <input type="text" id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autocomplete="off" value="" />
    </div>
  );
}

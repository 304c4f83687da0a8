import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';

export interface EasyReadState {
  on: boolean;
  /** The same page with the choice turned the other way (a plain link: works with JavaScript off). */
  toggleHref: string;
  /** False when nothing on this page has Easy Read words: said plainly, so the choice is not doubted. */
  here?: boolean;
}

/** "Use Easy Read words" on every respondent page of a form; once chosen it stays for the whole form. */
export function EasyReadSwitch({ locale, state }: { locale: Locale; state: EasyReadState }) {
  const msg = messages(locale);
  return (
    <div class="heard-easy-read">
      <p class="govuk-body">
        <a class="govuk-link" href={state.toggleHref} id="easy-read-switch">
          {state.on ? msg.easyReadOff : msg.easyReadOn}
        </a>
      </p>
      {state.on && state.here === false && <p class="govuk-body-s">{msg.easyReadNotHere}</p>}
    </div>
  );
}

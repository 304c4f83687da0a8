// /sessions/:id: everything a facilitator needs on the day. The code and QR to join, the ways to take
// part (kiosk, with a facilitator, group, paper), the live count, and closing it.
import type { Channel } from '../../db/schema';
import { LOCALE_NAMES } from '../../i18n/messages';
import type { Locale } from '../../forms/definition';
import { CHANNEL_NAMES } from '../../views/channel-names';
import { CsrfField } from '../../views/fields';
import { StaffLayout } from '../../views/staff-layout';
import { Table } from '../../views/table';
import { idleText } from '../form';
import type { SessionDetail } from '../queries';
import { StartKiosk } from '../kiosk/views/start-kiosk';
import { dayText, JoinCode, StatusTag, type Me } from './common';
import { SuccessBanner } from '../../views/success-banner';

export interface SessionPageProps {
  me: Me;
  session: SessionDetail;
  formTitle: string;
  counts: Record<Channel, number>;
  /** The join address, when this deployment knows its public address; with its QR code as SVG. */
  join?: { url: string; qrSvg: string };
  done?: 'created' | 'saved' | 'closed' | 'reopened' | 'kiosk-left';
  /** Why something asked of the page could not be done. */
  error?: string;
  /** Islands this page loads (the live count). */
  scripts: string[];
}

const DONE: Record<NonNullable<SessionPageProps['done']>, string> = {
  created: 'Session created. Its join code works now.',
  saved: 'Session saved.',
  closed: 'Session closed. Its code no longer lets anyone in.',
  reopened: 'Session open again.',
  'kiosk-left': 'This device is no longer a kiosk.',
};

/** The ways people take part in a session, each a page of its own (kiosk, assisted, group and paper add theirs). */
export function waysToTakePart(session: SessionDetail): { href: string; text: string; hint: string }[] {
  const base = `/sessions/${session.id}`;
  return [
    { href: `${base}/group`, text: 'Record a group discussion', hint: 'How many took part, what they said about each prompt, and what the whole group agreed.' },
    { href: `${base}/paper`, text: 'Print paper forms', hint: 'The form on A4 to fill in with a pen, with the session code on every page, in the session’s languages.' },
    { href: `${base}/paper?size=large`, text: 'Print paper forms in large print', hint: 'Bigger writing and more space to write.' },
    { href: `${base}/entry`, text: 'Type in paper forms', hint: 'Every question on one page, by keyboard; straight back to a blank sheet with a running count.' },
    { href: `${base}/poster`, text: 'Print the poster', hint: 'The code, the QR and what the feedback is for, on A4, in the session’s languages.' },
    { href: `${base}/summary`, text: 'Summary to share', hint: 'How many took part and what happens next, to print or send to the people who came.' },
  ];
}

export function SessionPage({ me, session, formTitle, counts, join, done, error, scripts }: SessionPageProps) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const open = session.status === 'open';
  return (
    <StaffLayout title={session.name} staff={me} scripts={scripts}>
      <a class="govuk-back-link" href="/sessions">
        All sessions
      </a>
      {error && (
        <div class="govuk-error-summary" tabIndex={-1} autofocus>
          <div role="alert">
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{error}</p>
            </div>
          </div>
        </div>
      )}
      {done && (
        <SuccessBanner id="done-title" title="Done">
          {DONE[done]}
        </SuccessBanner>
      )}
      <span class="govuk-caption-l">{session.organisationName}</span>
      <h1 class="govuk-heading-l">
        {session.name} <StatusTag status={session.status} />
      </h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Day</dt>
          <dd class="govuk-summary-list__value">{dayText(session.heldOn)}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Place</dt>
          <dd class="govuk-summary-list__value">{session.place}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Form</dt>
          <dd class="govuk-summary-list__value">{formTitle}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Languages</dt>
          <dd class="govuk-summary-list__value">
            {session.languages.map((l, i) => (
              <span lang={l} key={l}>
                {i > 0 ? ', ' : ''}
                {LOCALE_NAMES[l as Locale] ?? l}
              </span>
            ))}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Kiosk tablets</dt>
          <dd class="govuk-summary-list__value">{session.kiosk ? `Yes: each clears itself after ${idleText(session.kioskIdleSeconds)} unused${session.kioskPinHash ? ', and a PIN lets you leave kiosk mode' : ''}` : 'No'}</dd>
        </div>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/sessions/${session.id}/edit`}>
          Edit the session<span class="govuk-visually-hidden">: {session.name}</span>
        </a>
      </p>

      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">Joining</h2>
          {open && session.joinCode ? (
            <>
              <p class="govuk-body">People go to {join ? <strong class="heard-code-s">{join.url.replace(/\/[A-Z0-9]+$/, '')}</strong> : <strong>/j</strong>} and type the code:</p>
              <p class="govuk-body">
                <JoinCode code={session.joinCode} />
              </p>
              {join ? (
                <>
                  <p class="govuk-body">Or they scan this with their phone's camera:</p>
                  {/* The SVG comes from our own QR encoder, built from an address we made; it holds no user input. */}
                  <div class="heard-qr" role="img" aria-label={`QR code for ${join.url}`} dangerouslySetInnerHTML={{ __html: join.qrSvg }} />
                </>
              ) : (
                <p class="govuk-body">This deployment has no public address set (PUBLIC_URL), so there is no QR code to show.</p>
              )}
            </>
          ) : (
            <p class="govuk-body">This session is closed. Its code no longer lets anyone in.</p>
          )}
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m" id="count-heading">
            Responses so far
          </h2>
          <div data-live-count={`/sessions/${session.id}/count`}>
            <Table caption="Responses so far, by how they were given" columns={['How', { text: 'Responses', numeric: true }]}>
              {(Object.keys(CHANNEL_NAMES) as Channel[]).map((ch) => (
                <tr class="govuk-table__row" key={ch}>
                  <th scope="row" class="govuk-table__header">
                    {CHANNEL_NAMES[ch]}
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric" data-channel={ch}>
                    {counts[ch].toLocaleString('en-GB')}
                  </td>
                </tr>
              ))}
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  Total
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-channel="total">
                  <strong>{total.toLocaleString('en-GB')}</strong>
                </td>
              </tr>
            </Table>
            <p class="govuk-body-s" data-live-status aria-live="polite">
              {open ? 'Counted when this page was opened.' : 'Final count.'}
            </p>
            {open && (
              <p class="govuk-body-s heard-no-js-only">
                <a class="govuk-link" href={`/sessions/${session.id}`}>
                  Count again
                </a>
              </p>
            )}
          </div>
        </div>
      </div>

      <h2 class="govuk-heading-m">Running it</h2>
      <ul class="govuk-list heard-ways">
        {waysToTakePart(session).map((w) => (
          <li key={w.href}>
            <a class="govuk-link govuk-!-font-weight-bold" href={w.href}>
              {w.text}
            </a>
            <br />
            <span class="govuk-body-s">{w.hint}</span>
          </li>
        ))}
      </ul>

      <StartKiosk session={session} csrf={me.csrf} />

      {open && (
        <form method="post" action={`/sessions/${session.id}/assisted`} class="govuk-!-margin-bottom-6">
          <CsrfField token={me.csrf} />
          <h3 class="govuk-heading-s">Fill in the form with someone</h3>
          <p class="govuk-body">On this device, you read the questions and type the answers with the person, or for them. Reports count it as given with a facilitator; moderators can see it was you, nobody records who the person was.</p>
          {session.languages.length > 1 && (
            <div class="govuk-form-group">
              <label class="govuk-label" for="assisted-lang">
                Language
              </label>
              <select class="govuk-select" id="assisted-lang" name="lang">
                {session.languages.map((l) => (
                  <option value={l} key={l} lang={l}>
                    {LOCALE_NAMES[l as Locale] ?? l}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" class="govuk-button govuk-button--secondary">
            Start the form with someone
          </button>
        </form>
      )}

      <h2 class="govuk-heading-m">{open ? 'Closing it' : 'Opening it again'}</h2>
      <form method="post" action={`/sessions/${session.id}/${open ? 'close' : 'reopen'}`}>
        <CsrfField token={me.csrf} />
        <p class="govuk-body">{open ? 'When it is over, close it: the code stops working and any kiosk tablet stops at its next page.' : 'Open it again to let people join with a code.'}</p>
        <button type="submit" class={`govuk-button${open ? ' govuk-button--warning' : ' govuk-button--secondary'}`}>
          {open ? 'Close the session' : 'Open the session again'}
        </button>
      </form>
    </StaffLayout>
  );
}

// The moderation queue: counts per status, filters (a GET form), the rows, and a bulk status change.
import { languageInEnglish } from '../../i18n/messages';
import { CHANNELS, MODERATION_STATUSES, type ModerationStatus } from '../../db/schema';
import { CsrfField } from '../../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { Choice, Codebook, QueueFilters, QueueRow } from '../queries';
import { PAGE_SIZE } from '../queries';

type Me = NonNullable<StaffLayoutProps['staff']>;

export const STATUS_NAMES: Record<ModerationStatus, string> = { new: 'New', 'in-review': 'In review', done: 'Done', excluded: 'Excluded' };
const STATUS_COLOURS: Record<ModerationStatus, string> = { new: 'blue', 'in-review': 'yellow', done: 'green', excluded: 'grey' };

export const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The start of an answer for the queue, cut at a word (the query takes the first 120 characters). */
function snip(text: string, max = 120): string {
  if (text.length < max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

export function StatusTag({ status }: { status: ModerationStatus }) {
  return <strong class={`govuk-tag govuk-tag--${STATUS_COLOURS[status]}`}>{STATUS_NAMES[status]}</strong>;
}

/** The filters as a query string, leaving out empty ones (and any named in `without`). */
export function queryOf(f: QueueFilters, extra: Record<string, string> = {}, without: (keyof QueueFilters)[] = []): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !without.includes(k as keyof QueueFilters)) p.set(k, String(v));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function FilterSelect({ id, label, choices, value }: { id: string; label: string; choices: Choice[]; value?: string }) {
  const groups = [...new Set(choices.map((c) => c.group))];
  const option = (c: Choice) => (
    <option value={c.value} selected={value === c.value} key={c.value}>
      {c.label}
    </option>
  );
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <select class="govuk-select" id={id} name={id}>
        <option value="">Any</option>
        {groups.length === 1 && groups[0] === undefined
          ? choices.map(option)
          : groups.map((g) => (
              <optgroup label={g ?? ''} key={g}>
                {choices.filter((c) => c.group === g).map(option)}
              </optgroup>
            ))}
      </select>
    </div>
  );
}

const plain = (values: readonly string[], names?: Record<string, string>): Choice[] => values.map((v) => ({ value: v, label: names?.[v] ?? v[0]!.toUpperCase() + v.slice(1) }));

export function QueuePage(p: { me: Me; filters: QueueFilters; page: number; counts: Record<ModerationStatus, number>; total: number; rows: QueueRow[]; codebook: Codebook; changed?: number }) {
  const f = p.filters;
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  return (
    <StaffLayout title="Moderation queue" staff={p.me} wide>
      <h1 class="govuk-heading-l">Moderation queue</h1>
      {p.changed !== undefined && (
        <div class="govuk-inset-text" role="status">
          {p.changed === 1 ? '1 response changed status.' : `${p.changed} responses changed status.`}
        </div>
      )}
      <ul class="govuk-list heard-staff-nav__list" aria-label="Responses by status">
        {MODERATION_STATUSES.map((s) => (
          <li key={s}>
            <a class="govuk-link" href={`/moderate${queryOf({ ...f, status: s })}`} aria-current={f.status === s ? 'true' : undefined}>
              {STATUS_NAMES[s]}: <span id={`count-${s}`}>{p.counts[s]}</span>
            </a>
          </li>
        ))}
        <li>
          <a class="govuk-link" href={`/moderate${queryOf(f, {}, ['status'])}`}>
            All statuses
          </a>
        </li>
      </ul>

      <details class="govuk-details" open={Object.values(f).some(Boolean)}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Filter the queue</span>
        </summary>
        <form method="get" action="/moderate" class="govuk-details__text">
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-third">
              <FilterSelect id="form" label="Form" choices={p.codebook.forms} value={f.form} />
              {p.codebook.sessions.length > 0 && <FilterSelect id="session" label="Session" choices={p.codebook.sessions} value={f.session} />}
              <FilterSelect id="channel" label="Channel" choices={plain(CHANNELS)} value={f.channel} />
              <FilterSelect id="status" label="Status" choices={plain(MODERATION_STATUSES, STATUS_NAMES)} value={f.status} />
            </div>
            <div class="govuk-grid-column-one-third">
              <div class="govuk-form-group">
                <label class="govuk-label" for="from">
                  From (YYYY-MM-DD)
                </label>
                <input class="govuk-input govuk-input--width-10" id="from" name="from" value={f.from ?? ''} inputMode="numeric" />
              </div>
              <div class="govuk-form-group">
                <label class="govuk-label" for="to">
                  To (YYYY-MM-DD)
                </label>
                <input class="govuk-input govuk-input--width-10" id="to" name="to" value={f.to ?? ''} inputMode="numeric" />
              </div>
              <FilterSelect id="flagged" label="Open safeguarding concern" choices={plain(['yes', 'no'])} value={f.flagged} />
              <FilterSelect id="tagged" label="Tagged" choices={plain(['yes', 'no'])} value={f.tagged} />
            </div>
            <div class="govuk-grid-column-one-third">
              <FilterSelect id="objective" label="Objective" choices={p.codebook.objectives} value={f.objective} />
              <FilterSelect id="theme" label="Theme" choices={p.codebook.themes} value={f.theme} />
              <div class="govuk-form-group">
                <label class="govuk-label" for="q">
                  Words in the redacted text
                </label>
                <input class="govuk-input" id="q" name="q" value={f.q ?? ''} />
              </div>
            </div>
          </div>
          <button type="submit" class="govuk-button">
            Apply filters
          </button>{' '}
          <a class="govuk-link" href="/moderate">
            Clear filters
          </a>
        </form>
      </details>

      <p class="govuk-body" id="queue-total">
        {p.total === 1 ? '1 response' : `${p.total} responses`}
        {pages > 1 ? `, page ${p.page} of ${pages}` : ''}
      </p>
      <Table caption="Responses waiting for moderation, safeguarding concerns first, then the oldest new ones" columns={['When', 'Form', 'Channel', 'Language', 'What they said (redacted)', 'Status']}>
        {p.rows.map((r) => (
          <tr class="govuk-table__row" key={r.id} data-response={r.id}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/moderate/responses/${r.id}`}>
                {day(r.submittedAt)}
                <span class="govuk-visually-hidden"> – open this response</span>
              </a>
            </td>
            <td class="govuk-table__cell">{r.formTitle}</td>
            <td class="govuk-table__cell">{r.channel}</td>
            <td class="govuk-table__cell">{languageInEnglish(r.locale)}</td>
            <td class="govuk-table__cell" lang={r.locale} dir="auto">
              {r.snippet ? snip(r.snippet) : <span class="govuk-hint">No written answers</span>}
            </td>
            <td class="govuk-table__cell">
              <StatusTag status={r.status} />
              {r.safeguarding === 'open' && (
                <>
                  {' '}
                  <strong class="govuk-tag govuk-tag--red">Safeguarding</strong>
                </>
              )}
              {r.lockedByName && <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">Being read by {r.lockedByName}</p>}
            </td>
          </tr>
        ))}
      </Table>
      {pages > 1 && (
        <nav aria-label="Pages of the queue">
          <p class="govuk-body">
            {p.page > 1 && (
              <a class="govuk-link" href={`/moderate${queryOf(f, { page: String(p.page - 1) })}`}>
                Previous page
              </a>
            )}{' '}
            {p.page < pages && (
              <a class="govuk-link" href={`/moderate${queryOf(f, { page: String(p.page + 1) })}`}>
                Next page
              </a>
            )}
          </p>
        </nav>
      )}

      <h2 class="govuk-heading-m">Change the status of these responses</h2>
      <form method="post" action="/moderate/bulk-status">
        <CsrfField token={p.me.csrf} />
        {Object.entries(f).map(([k, v]) => v && <input type="hidden" name={k} value={String(v)} key={k} />)}
        {/* How many the moderator was shown: a change to the matching set since then refuses the bulk change. */}
        <input type="hidden" name="expected" value={String(p.total)} />
        <p class="govuk-body">This changes every response the filters above match, up to 500 at a time.</p>
        <div class="govuk-form-group">
          <label class="govuk-label" for="bulk-status">
            New status
          </label>
          <select class="govuk-select" id="bulk-status" name="new_status">
            {MODERATION_STATUSES.map((s) => (
              <option value={s} key={s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="bulk-reason">
            Reason (needed when excluding)
          </label>
          <input class="govuk-input" id="bulk-reason" name="reason" />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          Change status
        </button>
      </form>
    </StaffLayout>
  );
}

export function MessagePage({ me, title, message, back }: { me: Me; title: string; message: string; back?: string }) {
  return (
    <StaffLayout title={title} staff={me}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{message}</p>
      {back && (
        <p class="govuk-body">
          <a class="govuk-link" href={back}>
            Back
          </a>
        </p>
      )}
    </StaffLayout>
  );
}

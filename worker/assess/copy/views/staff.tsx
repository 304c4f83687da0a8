// /assess/:id/copy: the assessor's print page for the person's copy. The controls (Easy Read, language,
// leaving out risk and safety, issuing a code) never print; only the copy does, on A4.
import type { Locale } from '../../../forms/definition';
import { LOCALES } from '../../../forms/definition';
import { languageInEnglish, LOCALE_NAMES } from '../../../i18n/messages';
import { CsrfField } from '../../../views/fields';
import { assetPaths } from '../../../views/assets';
import { StaffLayout } from '../../../views/staff-layout';
import type { AssessmentRecord } from '../../queries';
import type { Me } from '../../views/common';
import type { CopyContent } from '../queries';
import { PersonCopy } from './copy';

export interface CopyChoices {
  locale: Locale;
  easy: boolean;
  /** Leave the restricted section (risk and safety) out of the print. */
  leaveOutRisk: boolean;
}

export interface StaffCopyPageProps {
  me: Me;
  record: AssessmentRecord;
  content: CopyContent;
  choices: CopyChoices;
  /** The language recorded for the person (the default). */
  personLocale: Locale;
  /** Whether the assessment has a restricted section this reader may print. */
  canLeaveOutRisk: boolean;
  /** Set only on the response to issuing one: the code, shown this once. */
  code?: { code: string; address: string };
}

/** The page's own address with these choices. */
export function copyAddress(id: string, choices: CopyChoices, personLocale: Locale): string {
  const q = new URLSearchParams();
  if (choices.locale !== personLocale) q.set('lang', choices.locale);
  if (choices.easy) q.set('read', 'easy');
  if (choices.leaveOutRisk) q.set('risk', 'leave-out');
  const text = q.toString();
  return `/assess/${id}/copy${text ? `?${text}` : ''}`;
}

export function StaffCopyPage(p: StaffCopyPageProps) {
  const { record, choices } = p;
  const id = record.assessment.id;
  const link = (change: Partial<CopyChoices>) => copyAddress(id, { ...choices, ...change }, p.personLocale);
  return (
    <StaffLayout title={p.code ? 'Code for the person’s copy' : 'The person’s copy'} staff={p.me} styles={[assetPaths.copyCss]}>
      <div class="heard-no-print">
        <a class="govuk-back-link" href={`/assess/${id}`}>
          Back to the assessment
        </a>
        <span class="govuk-caption-l">Trusted assessment {p.content.person.reference}</span>
        <h1 class="govuk-heading-l">{p.code ? 'Code for the person’s copy' : 'The person’s copy'}</h1>
        {p.code && (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              The code is shown only this once, at the end of the copy. Print now (it prints on a sheet of its own, so the person can keep it apart), or write it down for them. Any code given before has stopped working.
            </strong>
          </div>
        )}
        <p class="govuk-body">
          Print this page on A4 (your browser’s Print, or Ctrl and P): only the copy prints. It is in {languageInEnglish(choices.locale)}
          {choices.easy ? ', with Easy Read wording' : ''}, from version {p.content.version.number}, the newest completed one.
        </p>
        <ul class="govuk-list">
          <li>
            {choices.easy ? (
              <a class="govuk-link" href={link({ easy: false })}>
                Standard wording
              </a>
            ) : (
              <a class="govuk-link" href={link({ easy: true })}>
                Easy Read wording
              </a>
            )}
          </li>
          {LOCALES.filter((l) => l !== choices.locale).map((l) => (
            <li key={l}>
              <a class="govuk-link" href={link({ locale: l })} lang={l} hrefLang={l}>
                {LOCALE_NAMES[l]}
              </a>{' '}
              ({languageInEnglish(l)})
            </li>
          ))}
          {p.canLeaveOutRisk && (
            <li>
              {choices.leaveOutRisk ? (
                <a class="govuk-link" href={link({ leaveOutRisk: false })}>
                  Include the risk and safety section
                </a>
              ) : (
                <>
                  <a class="govuk-link" href={link({ leaveOutRisk: true })}>
                    Leave out the risk and safety section
                  </a>
                  <p class="govuk-body-s govuk-!-margin-bottom-2">If carrying it could put the person at risk (someone they live with might read it). The copy then says the part was left out and that they can ask to see it.</p>
                </>
              )}
            </li>
          )}
        </ul>
        {!p.code && (
          <form method="post" action={`/assess/${id}/copy-code`} class="govuk-!-margin-bottom-8">
            <CsrfField token={p.me.csrf} />
            <input type="hidden" name="lang" value={choices.locale} />
            <input type="hidden" name="read" value={choices.easy ? 'easy' : 'standard'} />
            <input type="hidden" name="risk" value={choices.leaveOutRisk ? 'leave-out' : 'include'} />
            <h2 class="govuk-heading-m" id="reading-online">
              Reading it online
            </h2>
            <p class="govuk-body">
              With a code and their date of birth, the person can read the newest completed version at any time, without an account. A new code replaces any given before. It stops working if they withdraw all consent or the assessment is deleted.
            </p>
            <button type="submit" class="govuk-button govuk-button--secondary">
              Give the person a code to read it online
            </button>
          </form>
        )}
      </div>
      <PersonCopy record={record} content={p.content} locale={choices.locale} easy={choices.easy} titleLevel={2} code={p.code} />
    </StaffLayout>
  );
}

/** An assessment with nothing completed yet has no copy to print or read. */
export function NoCopyPage({ me, record, reference }: { me: Me; record: AssessmentRecord; reference: string }) {
  return (
    <StaffLayout title="No copy yet" staff={me}>
      <a class="govuk-back-link" href={`/assess/${record.assessment.id}`}>
        Back to the assessment
      </a>
      <span class="govuk-caption-l">Trusted assessment {reference}</span>
      <h1 class="govuk-heading-l">There is no copy yet</h1>
      <p class="govuk-body">The person’s copy shows the newest completed version. Complete the assessment first, then print the copy or give the person a code.</p>
    </StaffLayout>
  );
}

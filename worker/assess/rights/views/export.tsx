// /assess/:id/export: the subject access export as a page to print (or save as PDF) and hand to the
// person: their details, every version's answers with the questions asked, consent, flags, and the
// access log. The same data as /assess/:id/export.json.
import { SummaryRow as Row } from '../../../views/summary-row';
import { languageInEnglish } from '../../../i18n/messages';
import { StaffLayout } from '../../../views/staff-layout';
import { Table } from '../../../views/table';
import { dayText, isoDayText, momentText, type Me } from '../../views/common';
import type { ExportedLogLine, SubjectAccessExport } from '../queries';

const day = (iso: string | null) => (iso ? dayText(Date.parse(iso)) : '');
const moment = (iso: string) => momentText(Date.parse(iso));

export function SubjectAccessPage({ me, id, data }: { me: Me; id: string; data: SubjectAccessExport }) {
  const p = data.person;
  return (
    <StaffLayout title={`Subject access export ${p.reference}`} staff={me}>
      <a class="govuk-back-link" href={`/assess/${id}`}>
        Back to the assessment
      </a>
      <div class="heard-no-print">
        <p class="govuk-body">
          Print this page (your browser's Print, or Ctrl and P) or save it as a PDF to give to the person. The same is available as a file:{' '}
          <a class="govuk-link" href={`/assess/${id}/export.json`}>
            download the export (JSON)
          </a>
          .
        </p>
      </div>
      <span class="govuk-caption-l">Trusted assessment {p.reference}</span>
      <h1 class="govuk-heading-l">Everything we hold about {p.name}</h1>
      <p class="govuk-body">
        Exported on {moment(data.exportedAt)} by {data.exportedBy.name}, {data.exportedBy.organisation}.
      </p>

      <h2 class="govuk-heading-m">Your details</h2>
      <dl class="govuk-summary-list">
        <Row term="Name">{p.name}</Row>
        <Row term="Date of birth">{isoDayText(p.dateOfBirth)}</Row>
        <Row term="Reference">{p.reference}</Row>
        <Row term="Language of your copy">{languageInEnglish(p.languageOfTheirCopy)}</Row>
        <Row term="Assessed by">{data.assessment.assessingOrganisation}</Row>
        <Row term="Started">{day(data.assessment.createdAt)}</Row>
      </dl>

      {data.versions.map((v) => (
        <section key={v.number}>
          <h2 class="govuk-heading-m">
            Assessment, version {v.number} ({v.status === 'draft' ? 'in progress' : `completed ${day(v.completedAt)}`})
          </h2>
          <p class="govuk-body">
            Assessor: {v.assessor}. Started {day(v.startedAt)}.{v.reviewOn ? ` Review date: ${isoDayText(v.reviewOn)}.` : ''}
          </p>
          {v.sections.map((s) => (
            <section key={s.id}>
              <h3 class="govuk-heading-s">{s.title}</h3>
              {s.withheld && <p class="govuk-body">{s.withheld}.</p>}
              {!s.withheld && s.answers.length === 0 && <p class="govuk-body govuk-hint">Nothing recorded.</p>}
              {s.answers.length > 0 && (
                <dl class="govuk-summary-list govuk-!-margin-bottom-6">
                  {s.answers.map((a) => (
                    <Row key={a.questionId} term={a.question}>
                      {a.inWords.map((line, i) => (
                        <p class="govuk-body heard-pre-line govuk-!-margin-bottom-1" key={i}>
                          {line}
                        </p>
                      ))}
                    </Row>
                  ))}
                </dl>
              )}
            </section>
          ))}
        </section>
      ))}

      <h2 class="govuk-heading-m">Who you agreed to share with</h2>
      {data.consent.organisations.length === 0 ? (
        <p class="govuk-body">Nobody beyond {data.assessment.assessingOrganisation}.</p>
      ) : (
        <Table caption="Organisations you agreed to share with" columns={['Organisation', 'Agreed', 'Ended']}>
          {data.consent.organisations.map((o) => (
            <tr class="govuk-table__row" key={o.organisation}>
              <td class="govuk-table__cell">{o.organisation}</td>
              <td class="govuk-table__cell">{day(o.givenAt)}</td>
              <td class="govuk-table__cell">{o.withdrawnAt ? `Withdrawn ${day(o.withdrawnAt)}` : o.current ? 'Still sharing' : `Expired ${day(o.expiresAt)}`}</td>
            </tr>
          ))}
        </Table>
      )}
      <h3 class="govuk-heading-s">Changes to your consent</h3>
      <LogTable caption="Changes to your consent" lines={data.consent.history} />

      <h2 class="govuk-heading-m">Flags raised about the assessment</h2>
      {data.disputes.length === 0 ? (
        <p class="govuk-body">None.</p>
      ) : (
        <dl class="govuk-summary-list">
          {data.disputes.map((d, i) => (
            <Row key={i} term={`${day(d.raisedAt)}, ${d.organisation} (${d.raisedBy}), version ${d.version}`}>
              <p class="govuk-body heard-pre-line">{d.reason}</p>
              <p class="govuk-body">{d.status === 'resolved' ? `Resolved ${day(d.resolvedAt)}: ${d.resolution ?? ''}` : 'Not resolved yet.'}</p>
            </Row>
          ))}
        </dl>
      )}

      <h2 class="govuk-heading-m">Who read or changed it</h2>
      <LogTable caption="Access log" lines={data.accessLog} />
    </StaffLayout>
  );
}

function LogTable({ caption, lines }: { caption: string; lines: ExportedLogLine[] }) {
  if (lines.length === 0) return <p class="govuk-body">None.</p>;
  return (
    <Table caption={caption} columns={['When', 'Who', 'What', 'Detail']}>
      {lines.map((l, i) => (
        <tr class="govuk-table__row" key={i}>
          <td class="govuk-table__cell">{moment(l.at)}</td>
          <td class="govuk-table__cell">
            {l.who}
            {l.organisation ? `, ${l.organisation}` : ''}
          </td>
          <td class="govuk-table__cell">{l.what}</td>
          <td class="govuk-table__cell">{l.detail}</td>
        </tr>
      ))}
    </Table>
  );
}

// The access log in plain words: what each action means to the person reading a subject access
// response, and each line's detail with section titles and organisation names instead of ids.
import type { AccessAction } from '../../db/schema';
import { ERASURE_REASONS } from '../erase';

/** Every action has words: a new action fails the typecheck here until it is described. */
export const ACTION_WORDS: Record<AccessAction, string> = {
  'person-added': 'Added the person and started the assessment',
  'person-found': 'Found the person in a search',
  opened: 'Opened the assessment',
  'section-opened': 'Opened a section to fill in',
  'section-saved': 'Saved a section',
  completed: 'Completed the assessment',
  'consent-recorded': 'Recorded who the person agreed to share with',
  'consent-withdrawn': 'Ended consent to share',
  'restriction-changed': 'Changed who reads the risk and safety section',
  'reassessment-started': 'Started a reassessment',
  'version-viewed': 'Read an earlier version',
  'changes-viewed': 'Compared versions',
  'copy-printed': 'Printed the person’s copy',
  'copy-code-issued': 'Gave the person a code to read their copy',
  'copy-code-stopped': 'Stopped the person’s code after too many wrong dates of birth',
  'copy-viewed-by-person': 'The person read their copy',
  exported: 'Exported everything held (subject access)',
  'access-log-viewed': 'Read this access log',
  'access-log-exported': 'Downloaded this access log',
  erased: 'Deleted the assessment',
  'deleted-by-retention': 'Deleted the assessment at the end of the retention period',
  'dispute-raised': 'Flagged the assessment as wrong or out of date',
  'dispute-resolved': 'Resolved a flag',
};

const ROLE_NAMES: Record<string, string> = { assessor: 'assessors', 'support-worker': 'support workers' };

export interface Names {
  /** Section id to its title, across every form version the assessment used. */
  sections: Map<string, string>;
  /** Organisation id to its name. */
  organisations: Map<string, string>;
}

function organisationList(ids: string, names: Names): string {
  if (ids === 'all') return 'every organisation';
  if (ids === 'none' || ids === '') return 'none';
  return ids
    .split(',')
    .map((id) => names.organisations.get(id) ?? id)
    .join(', ');
}

/** A line's detail in words: a section's title, a version, organisations' names; anything else as it is. */
export function detailWords(action: string, detail: string | null, names: Names): string {
  if (detail === null || detail === '') return '';
  const version = /^version (\d+)$/.exec(detail);
  if (version) return `Version ${version[1]}`;
  switch (action) {
    case 'section-opened':
    case 'section-saved':
      return names.sections.get(detail) ?? detail;
    case 'opened':
      return detail === 'tombstone' ? 'What is left after deletion' : detail;
    case 'person-found':
      return detail === 'exact' ? 'Same name and date of birth' : detail === 'near' ? 'Similar name, same date of birth' : detail;
    case 'consent-withdrawn':
      return `For ${organisationList(detail, names)}`;
    case 'consent-recorded': {
      const parts = /^given: (.*); ended: (.*)$/.exec(detail);
      return parts ? `Given: ${organisationList(parts[1]!, names)}. Ended: ${organisationList(parts[2]!, names)}.` : detail;
    }
    case 'restriction-changed':
      return detail === 'none' ? 'Everyone who can read the assessment' : `Only ${detail.split(',').map((r) => ROLE_NAMES[r] ?? r).join(' and ')}`;
    case 'exported':
      return detail === 'json' ? 'As a file (JSON)' : detail === 'html' ? 'As a printable page' : detail;
    case 'access-log-exported':
      return detail === 'csv' ? 'As a spreadsheet (CSV)' : detail;
    case 'erased':
      return ERASURE_REASONS[detail as keyof typeof ERASURE_REASONS] ?? detail;
    case 'deleted-by-retention':
      return `No activity for ${detail}`;
    default:
      return names.sections.get(detail) ?? detail;
  }
}

/** Who did it: a staff member's name, the person themselves, or Heard's own schedule. */
export function actorWords(actor: string, staffName: string | null): string {
  if (actor === 'person') return 'The person, with their code';
  if (actor === 'system') return 'Heard, by the retention schedule';
  return staffName ?? 'A staff account that no longer exists';
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

/** `2026-12-06 14:05:09`, UK time: sorts as text in a spreadsheet and reads plainly. */
export function ukTime(ms: number): string {
  const p = Object.fromEntries(UK_TIME.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

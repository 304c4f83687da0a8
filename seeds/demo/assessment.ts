// The demo's trusted assessment: Sam Demo, assessed by Asha at St Mungo's over two sittings, consented
// to Connection Support (whose support worker flagged one thing, which Asha resolved), not shared with
// A2Dominion. Sealed with the local key ring in .dev.vars and the app's own seal contexts, so Sam's
// name, date of birth and answers are nowhere in the local database in the clear. Local only: a
// deployed database never gets it. Re-running re-seals under the current ring (a new .dev.vars key).
import { personIndexes } from '../../worker/db/person-index';
import { sealContext } from '../../worker/db/sealed';
import type { AnswerValue } from '../../worker/db/schema';
import { KeyRing } from '../../worker/http/keys';
import { demoStaff } from '../demo-staff';
import { lit } from '../index';

const DAY = 86_400_000;

export const SAM_DEMO = {
  personId: '5a000000-0000-4000-8000-0000000000d1',
  assessmentId: '5a000000-0000-4000-8000-0000000000a1',
  disputeId: '5a000000-0000-4000-8000-0000000000f1',
  // Fixed, so the demo's instructions can name it; random-looking, as every reference is (never from the name).
  reference: 'TA-7KQ3-M9XW',
  name: 'Sam Demo',
  organisationId: 'st-mungos',
  sharedWith: 'connection-support',
} as const;

const staff = (email: string) => demoStaff.find((p) => p.email === email)!.id;
const ASHA = staff('assessor@heard.local');
const SID = staff('support@heard.local');
const COLE = staff('assessor2@heard.local');

/** Sam is 34: the birthday (14 March) has or has not come yet this year. */
export function samBirthDate(now: number): string {
  const today = new Date(now);
  const year = today.getUTCFullYear() - 34 - (today.getUTCMonth() < 2 || (today.getUTCMonth() === 2 && today.getUTCDate() < 14) ? 1 : 0);
  return `${year}-03-14`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfDay = (ms: number) => Date.parse(`${isoDay(ms)}T00:00:00Z`);

/** Every section of version 1, in Sam's words and Asha's, as the section pages save them. */
export function samAnswers(birthDate: string, reviewOn: string): Record<string, Record<string, AnswerValue>> {
  return {
    consent: {
      'privacy-explained': 'yes',
      'share-with': ['connection-support'],
      'exceptions-explained': 'yes',
      'consent-notes': 'Sam is happy for Connection Support to see this because they run the floating support Sam hopes to move on to. Sam does not want anything shared with their ex-partner’s family.',
    },
    'about-me': {
      'preferred-name': 'Sam',
      'date-of-birth': birthDate,
      contact: 'Text first, any time after 10am. Sam’s phone is often out of charge, so a message left at the Gatehouse or with the outreach team also reaches Sam.',
      'first-language': 'English',
      'letters-language': 'en',
      'interpreter-needed': 'no',
      'communication-needs': ['more-time', 'help-with-forms'],
      'communication-detail': 'Busy rooms make Sam anxious. Meeting somewhere quiet, with time to think before answering, helps. Sam likes forms read through together rather than left to fill in alone.',
      dependants: 'No children or adults depend on Sam.',
      pets: 'Biscuit, a four-year-old Staffordshire cross, has been with Sam since she was a puppy. She is friendly, chipped, vaccinated and neutered. Sam will not go anywhere Biscuit cannot come.',
    },
    housing: {
      'current-situation': 'sleeping-rough',
      'current-situation-detail': 'Sleeping in a doorway near the Westgate with Biscuit for about seven weeks. Sam has turned down two hostel beds because neither could take a dog. Sam is tired, sleeping badly and finds the nights hard, especially when it is wet.',
      'last-settled-address': 'A one-bedroom flat in East Oxford, rented privately with a partner for three years, until last spring.',
      'why-it-ended': 'The relationship ended and Sam’s partner moved out. Sam could not cover the whole rent alone, fell behind, and the landlord served notice. Sam left before the court date because of the stress of it.',
      'since-then': 'Stayed with a friend in Blackbird Leys for about two months and then on another friend’s sofa in Cowley, until that friend’s landlord said Sam and Biscuit had to go. Sleeping rough since.',
      'evictions-arrears': 'About £1,900 of rent arrears with the last landlord. No court order was made. Sam wants to agree a small repayment plan once there is regular income.',
      'local-connection': ['oxford'],
      'immigration-status': 'british-or-irish',
      'recourse-to-public-funds': 'yes',
    },
    'money-id': {
      'income-sources': ['universal-credit'],
      'benefits-issues': 'Universal Credit was stopped for a month after Sam missed a journal appointment while moving between sofas. It is paid again now, with an advance being paid back out of it.',
      debts: 'The rent arrears, and about £300 on a phone contract. Sam worries most about the arrears stopping a council or housing association offer.',
      'id-documents': ['birth-certificate', 'bank-card'],
      'bank-account': 'yes',
      'money-help': 'Help applying for a replacement driving licence, and a referral to the debt advice service about the arrears.',
    },
    health: {
      'physical-health': 'Generally well. A sore lower back from sleeping on the ground, and a cough since the cold weather started.',
      'mental-health': 'Sam has lived with anxiety since their teens. It has been much worse since losing the flat: panic in crowded places and hardly sleeping. Sam took sertraline a few years ago and found it helped, and would like to talk to a GP about it again.',
      'drugs-alcohol': 'Sam drinks a few cans some evenings to help with sleep, and says this has crept up since sleeping out. Sam would like to cut down and does not want a referral for it at the moment.',
      'offending-history': 'None.',
      'gp-registered': 'no',
      'daily-living': 'Somewhere to shower, charge a phone and wash clothes. Sam uses the Gatehouse for these on weekdays.',
      'other-agencies': 'Oxford City Council’s housing options team (a homelessness application is open) and the St Mungo’s outreach team. Sam volunteers at a community bike workshop in East Oxford.',
    },
    risk: {
      'risk-to-self': 'Sam has felt low and hopeless at times since sleeping out, but has no thoughts of ending their life and no history of self-harm. Sleeping out in cold weather is the main risk to Sam’s health.',
      'risk-to-others': 'No risk to others known.',
      'risk-from-others': 'Sam and Biscuit were shouted at and had their sleeping bag taken one night in the city centre. Sam now sleeps near other people they know.',
      'domestic-abuse': 'Sam says the relationship ended badly but was not abusive, and does not feel at risk from their ex-partner.',
      safeguarding: 'No safeguarding concerns at present.',
      'safety-plan': 'If Sam misses two outreach contacts in a row, the outreach team will check the usual places and text. When things get too much, Sam goes to the bike workshop or walks Biscuit along the river.',
    },
    strengths: {
      strengths: 'Sam is good with bikes, can strip and rebuild most of them, and teaches other volunteers at the bike workshop. Sam is proud of keeping Biscuit fit and well through all of this, and of never missing a shift at the workshop.',
      goals: 'A flat of my own in Oxford where Biscuit can live with me. Then to get back into work, maybe as a bike mechanic.',
      'what-matters': 'Biscuit. Being near the workshop and the people there. Being somewhere quiet and my own.',
      'important-people': 'My sister in Abingdon, who I talk to most weeks. The people at the workshop. I would like my sister to know how things are going, but not to be contacted without asking me first.',
      'housing-preferences': 'Oxford, ideally east Oxford, near the workshop. On my own, not shared. A ground floor or somewhere with a bit of outside space for Biscuit. I would like support to set up the flat and help with bills at the start.',
      'what-works-for-me': 'Meeting one to one somewhere quiet, at the same time each week. Being told straight what is happening, even when it is bad news. Texts rather than letters.',
    },
    review: {
      'assessor-name': 'Asha Assessor, outreach worker, St Mungo’s Oxford',
      'review-date': reviewOn,
      'assessor-notes': 'Sam was open and thoughtful over two sittings and set the pace. The priority is accommodation that accepts Biscuit: Sam will not take a place without her, and that is Sam’s choice to respect. Next steps agreed: GP registration at Luther Street, debt advice referral, and a Housing First referral.',
    },
  };
}

/** The dispute Sid Support at Connection Support raised, and how Asha resolved it. */
export const SAM_DISPUTE = {
  sectionId: 'money-id',
  reason: 'Sam showed me their driving licence at our drop-in on Monday: it turned up at the police lost property office. The Money and ID section still lists it as missing.',
  resolution: 'Thanks, Sid. Sam told me too. I have noted it for Sam’s review, and have stopped the replacement licence application we had started.',
};

/** SQL for the demo assessment, sealed with the local ring (`id:key,...` as in .dev.vars). */
export async function demoAssessmentStatements(keyRing: string, formVersionId: string, now = Date.now()): Promise<string[]> {
  const ring = KeyRing.parse(keyRing);
  const { personId, assessmentId, disputeId } = SAM_DEMO;
  const birthDate = samBirthDate(now);
  const firstSitting = now - 9 * DAY;
  const completedAt = now - 6 * DAY;
  const reviewOn = startOfDay(completedAt + 150 * DAY);
  const raisedAt = now - 3 * DAY;
  const resolvedAt = now - 2 * DAY;
  const answers = samAnswers(birthDate, isoDay(reviewOn));
  const [nameSealed, birthSealed, indexes, reasonSealed, resolutionSealed] = await Promise.all([
    ring.seal(SAM_DEMO.name, sealContext.personName(personId)),
    ring.seal(birthDate, sealContext.personBirthDate(personId)),
    personIndexes(ring, SAM_DEMO.name, birthDate),
    ring.seal(SAM_DISPUTE.reason, sealContext.disputeReason(disputeId)),
    ring.seal(SAM_DISPUTE.resolution, sealContext.disputeResolution(disputeId)),
  ]);
  const k = lit(ring.currentId);
  const out = [
    `INSERT INTO people (id, reference, organisation_id, name_sealed, birth_date_sealed, language, find_index, birth_index, key_id, created_by, created_at) VALUES ` +
      `(${lit(personId)}, ${lit(SAM_DEMO.reference)}, ${lit(SAM_DEMO.organisationId)}, ${lit(nameSealed)}, ${lit(birthSealed)}, 'en', ${lit(indexes.findIndex)}, ${lit(indexes.birthIndex)}, ${k}, ${lit(ASHA)}, ${firstSitting}) ` +
      `ON CONFLICT(id) DO UPDATE SET name_sealed = excluded.name_sealed, birth_date_sealed = excluded.birth_date_sealed, find_index = excluded.find_index, birth_index = excluded.birth_index, key_id = excluded.key_id;`,
    `INSERT OR IGNORE INTO assessments (id, person_id, organisation_id, status, current_version, last_activity_at, created_by, created_at) VALUES ` +
      `(${lit(assessmentId)}, ${lit(personId)}, ${lit(SAM_DEMO.organisationId)}, 'complete', 1, ${resolvedAt}, ${lit(ASHA)}, ${firstSitting});`,
    `INSERT OR IGNORE INTO assessment_versions (assessment_id, number, form_version_id, status, assessor_id, started_at, updated_at, completed_at, review_on) VALUES ` +
      `(${lit(assessmentId)}, 1, ${lit(formVersionId)}, 'complete', ${lit(ASHA)}, ${firstSitting}, ${completedAt}, ${completedAt}, ${reviewOn});`,
    `INSERT OR IGNORE INTO assessment_shares (assessment_id, organisation_id, given_at, recorded_by) VALUES (${lit(assessmentId)}, ${lit(SAM_DEMO.sharedWith)}, ${firstSitting}, ${lit(ASHA)});`,
  ];
  const sections = Object.entries(answers);
  for (const [i, [sectionId, values]] of sections.entries()) {
    // The first sitting covered consent to housing; the second, the rest.
    const savedAt = i < 3 ? firstSitting + (i + 1) * 15 * 60_000 : completedAt - (sections.length - i) * 15 * 60_000;
    const sealed = await ring.seal(JSON.stringify(values), sealContext.section(assessmentId, 1, sectionId));
    out.push(
      `INSERT INTO assessment_sections (assessment_id, version_number, section_id, answers_sealed, key_id, saved_by, saved_at) VALUES ` +
        `(${lit(assessmentId)}, 1, ${lit(sectionId)}, ${lit(sealed)}, ${k}, ${lit(ASHA)}, ${savedAt}) ` +
        `ON CONFLICT(assessment_id, version_number, section_id) DO UPDATE SET answers_sealed = excluded.answers_sealed, key_id = excluded.key_id;`,
    );
  }
  out.push(
    `INSERT INTO assessment_disputes (id, assessment_id, version_number, section_id, organisation_id, raised_by, raised_at, reason_sealed, status, resolution_sealed, resolved_by, resolved_at, key_id) VALUES ` +
      `(${lit(disputeId)}, ${lit(assessmentId)}, 1, ${lit(SAM_DISPUTE.sectionId)}, ${lit(SAM_DEMO.sharedWith)}, ${lit(SID)}, ${raisedAt}, ${lit(reasonSealed)}, 'resolved', ${lit(resolutionSealed)}, ${lit(ASHA)}, ${resolvedAt}, ${k}) ` +
      `ON CONFLICT(id) DO UPDATE SET reason_sealed = excluded.reason_sealed, resolution_sealed = excluded.resolution_sealed, key_id = excluded.key_id;`,
  );
  const own = SAM_DEMO.organisationId;
  const shared = SAM_DEMO.sharedWith;
  const log: [number, string, string, string, string | null][] = [
    [firstSitting, ASHA, own, 'person-added', null],
    ...sections.map(([sectionId], i): [number, string, string, string, string | null] => [i < 3 ? firstSitting + (i + 1) * 15 * 60_000 : completedAt - (sections.length - i) * 15 * 60_000, ASHA, own, 'section-saved', sectionId]),
    [completedAt, ASHA, own, 'completed', 'version 1'],
    [completedAt, ASHA, own, 'consent-recorded', `given: ${shared}; ended: none`],
    [completedAt + 2 * 3_600_000, COLE, shared, 'opened', 'version 1'],
    [raisedAt - 600_000, SID, shared, 'opened', 'version 1'],
    [raisedAt, SID, shared, 'dispute-raised', disputeId],
    [resolvedAt - 300_000, ASHA, own, 'opened', 'version 1'],
    [resolvedAt, ASHA, own, 'dispute-resolved', disputeId],
  ];
  // Written once: a second seed finds each line already there.
  for (const [at, actor, org, action, detail] of log) {
    out.push(
      `INSERT INTO assessment_access_log (at, assessment_id, actor, actor_organisation_id, action, detail) SELECT ${at}, ${lit(assessmentId)}, ${lit(actor)}, ${lit(org)}, ${lit(action)}, ${lit(detail)} ` +
        `WHERE NOT EXISTS (SELECT 1 FROM assessment_access_log WHERE assessment_id = ${lit(assessmentId)} AND actor = ${lit(actor)} AND action = ${lit(action)} AND detail IS ${lit(detail)});`,
    );
  }
  return out;
}

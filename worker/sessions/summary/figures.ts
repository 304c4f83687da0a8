// A session's summary figures, each through the report's own suppression: how many took part
// (showFigure), and the strategy objectives people raised from the report's overview filtered to the
// session (so the same rules hold: relaxed views, sibling sessions, the small-number floor).
import type { Database } from '../../db/client';
import { loadFramework, overview } from '../../reports/figures';
import { quarterNumber, quarterOf, quartersFrom } from '../../reports/period';
import { DEFAULT_FRAMEWORK } from '../../reports/request';
import { showFigure } from '../../reports/suppress';
import type { SessionDetail } from '../queries';
import { responsesMeasured, themesRaised, tookPart } from './queries';
import type { SummaryFigures } from './views';

/** The quarters a session's responses fall in: its day's, and later ones while paper is typed in (at most a year). */
function sessionQuarters(heldOn: number, now: number) {
  const all = quartersFrom(quarterOf(heldOn), quarterOf(Math.max(heldOn, now)));
  return all.slice(0, 4);
}

export async function summaryFigures(db: Database, session: SessionDetail, threshold: number, now = Date.now()): Promise<SummaryFigures> {
  const d1 = db.$client;
  const [part, themes, framework] = await Promise.all([tookPart(d1, session.id), themesRaised(d1, session.id, threshold), loadFramework(d1, DEFAULT_FRAMEWORK)]);
  const quarters = sessionQuarters(session.heldOn, now);
  const objectives = framework
    ? (await overview(db, { frameworkId: DEFAULT_FRAMEWORK, quarters, filters: { session: session.id }, threshold }, framework.objectives)).objectives
        // Only what enough people raised to show as a number: a "fewer than" line would still say someone did.
        .filter((o) => o.responses.kind === 'count' && o.responses.value >= threshold)
        .map((o) => ({ code: o.code, text: o.text, responses: o.responses }))
    : [];
  // The report filtered to this session hides its count (suppress.ts rule 3) when the rest of its
  // organisation's quarter, or a sibling session, is small: an exact count here would give that back.
  const hiddenInReports = showFigure(await responsesMeasured(d1, session, quarters.map(quarterNumber)), threshold).kind === 'not-shown';
  const everyone = hiddenInReports ? ({ kind: 'not-shown' } as const) : showFigure({ parts: [part.individuals + part.inGroups] }, threshold);
  const inGroups = showFigure({ parts: [part.inGroups] }, threshold);
  // Both exact, they would say exactly how many came on their own: only when that is none or enough.
  const aloneIsSmall = part.individuals >= 1 && part.individuals < threshold;
  return {
    tookPart: everyone,
    inGroups: everyone.kind === 'not-shown' || (aloneIsSmall && inGroups.kind === 'count' && everyone.kind === 'count') ? { kind: 'not-shown' } : inGroups,
    allModerated: part.moderated >= part.individuals + part.groups,
    objectives,
    themes,
    threshold,
  };
}

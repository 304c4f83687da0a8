// The public pages, with no sign-in (issue 9, points 7 and 8): "/you-said-we-did" and "/strategy".
// This is the "online reporting mechanism" of the Oxfordshire strategy's objective 1.1. The language
// is chosen as on respondent pages: ?lang=, then the browser's Accept-Language, then English.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../../auth/policy';
import { database } from '../../db/client';
import { config, type AppEnv } from '../../env';
import { LOCALES, type Locale } from '../../forms/definition';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { fromAcceptLanguage, pickLocale } from '../../i18n/locale';
import { html } from '../../views/render';
import type { LanguageLink } from '../../views/layout';
import { linkedActions, objectiveNamed, publishedActions, type PublicAction } from '../actions/queries';
import { listFrameworks, loadFramework, overview } from '../figures';
import { quarterName, quarterOf } from '../period';
import { StrategiesPage, StrategyPage, YouSaidWeDidPage, type ActionGroup, type ObjectiveProgress } from './views';

const langQuery = z.object({ lang: z.enum(LOCALES).optional() });
const listQuery = langQuery.extend({
  objective: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
const frameworkParam = z.object({ framework: z.string().max(100) });

// What keeps each page within the respondent budget (14 KB with its CSS) however many actions are
// published: "you said, we did" a page at a time, and on a strategy page the newest few per objective,
// linking to that objective's full list.
export const ACTIONS_PER_PAGE = 20;
export const ACTIONS_PER_OBJECTIVE = 2;

function localeOf(c: Context<AppEnv>, lang: Locale | undefined): Locale {
  return pickLocale(LOCALES, lang, fromAcceptLanguage(c.req.header('accept-language')));
}

/** The address of a page, with its query (empty values left out). */
function addressOf(path: string, query: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function languageLinks(path: string, query: Record<string, string | number | undefined> = {}): LanguageLink[] {
  return LOCALES.map((locale) => ({ locale, href: addressOf(path, { ...query, lang: locale }) }));
}

/**
 * Published actions grouped in plain words: under the top-level theme when there is one (codebook
 * order), otherwise under the objective's section (by framework, in the framework's order).
 */
export function groupActions(list: PublicAction[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup & { order: [number, string, number] }>();
  for (const a of list) {
    const [key, heading, order]: [string, string, [number, string, number]] = a.topTheme
      ? [`theme:${a.topTheme.id}`, a.topTheme.name, [0, '', a.topTheme.position]]
      : a.objective
        ? [`section:${a.objective.frameworkId}:${a.objective.section}`, a.objective.section, [1, a.objective.frameworkName, a.objective.position]]
        : ['other', '', [2, '', 0]];
    const g = groups.get(key) ?? { key, heading, actions: [], order };
    // A section sorts by its first objective.
    if (order[2] < g.order[2]) g.order = order;
    g.actions.push(a);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1].localeCompare(b.order[1]) || a.order[2] - b.order[2])
    .map(({ key, heading, actions }) => ({ key, heading, actions }));
}

export const publicPages = new Hono<AppEnv>()
  .get('/you-said-we-did', publicRoute, validate('query', listQuery), async (c) => {
    const query = c.req.valid('query');
    const locale = localeOf(c, query.lang);
    const db = database(c.env.DB);
    const page = query.page ?? 1;
    const objective = query.objective === undefined ? undefined : await objectiveNamed(db, query.objective);
    if (query.objective !== undefined && !objective) throw new Problem('not-found');
    const { actions, total } = await publishedActions(db, { objectiveId: query.objective, limit: ACTIONS_PER_PAGE, offset: (page - 1) * ACTIONS_PER_PAGE });
    const pages = Math.max(1, Math.ceil(total / ACTIONS_PER_PAGE));
    if (page > pages) throw new Problem('not-found');
    const kept = { objective: query.objective, page: page > 1 ? page : undefined };
    return c.html(
      html(
        <YouSaidWeDidPage
          groups={groupActions(actions)}
          objective={objective}
          page={page}
          pages={pages}
          hrefOf={(n) => addressOf('/you-said-we-did', { ...kept, page: n > 1 ? n : undefined, lang: locale })}
          locale={locale}
          languages={languageLinks('/you-said-we-did', kept)}
        />,
      ),
    );
  })

  .get('/strategy', publicRoute, validate('query', langQuery), async (c) => {
    const locale = localeOf(c, c.req.valid('query').lang);
    const frameworks = await listFrameworks(database(c.env.DB).$client);
    return c.html(html(<StrategiesPage frameworks={frameworks} locale={locale} languages={languageLinks('/strategy')} />));
  })

  .get('/strategy/:framework', publicRoute, validate('param', frameworkParam), validate('query', langQuery), async (c) => {
    const locale = localeOf(c, c.req.valid('query').lang);
    const db = database(c.env.DB);
    const { framework: frameworkId } = c.req.valid('param');
    const loaded = await loadFramework(db.$client, frameworkId);
    if (!loaded) throw new Problem('not-found');
    const threshold = config(c.env).REPORT_MIN_COUNT;
    const quarter = quarterOf(Date.now());
    const [figures, actions] = await Promise.all([
      overview(db, { frameworkId, quarters: [quarter], filters: {}, threshold }, loaded.objectives),
      linkedActions(db, { objectiveIds: loaded.objectives.map((o) => o.id) }, { publishedOnly: true }),
    ]);
    const raised = new Map(figures.objectives.map((o) => [o.id, o.responses]));
    const sections: { name: string; objectives: ObjectiveProgress[] }[] = [];
    for (const o of loaded.objectives) {
      let section = sections.find((s) => s.name === o.section);
      if (!section) sections.push((section = { name: o.section, objectives: [] }));
      const mine = actions.filter((a) => a.objectiveId === o.id);
      section.objectives.push({
        id: o.id,
        code: o.code,
        section: o.section,
        text: o.text,
        raised: raised.get(o.id) ?? { kind: 'count', value: 0 },
        actions: mine.slice(0, ACTIONS_PER_OBJECTIVE),
        actionCount: mine.length,
      });
    }
    return c.html(
      html(<StrategyPage framework={loaded.framework} sections={sections} quarterName={quarterName(quarter)} threshold={threshold} locale={locale} languages={languageLinks(`/strategy/${frameworkId}`)} />),
    );
  });

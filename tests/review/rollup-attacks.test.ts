// A review of the report's roll-up (migration 0010: report_facts and report_cells kept by triggers).
// The first two tests are the bugs the review found (both fixed in migration 0010); the last pins behaviour that was checked and held.
// Each test file has its own D1, and each test here works in its own quarter and objective.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client';
import { mergeTheme } from '../../worker/moderate/codebook/queries';
import { excerptTagStatements } from '../../worker/moderate/excerpts/queries';
import { objectiveDetails } from '../../worker/reports/detail';
import { quarter } from '../../worker/reports/period';
import { expectRollupMatchesRaw } from '../helpers/rollup';
import { addMany, addResponse, FW, obj, versionOf } from '../reports/fixtures';

const HOUR = 3_600_000;

async function liveChildThemes(n: number): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT id FROM themes t WHERE merged_into IS NULL AND parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM themes c WHERE c.parent_id = t.id) ORDER BY id',
  ).all<{ id: string }>();
  return results.slice(-n).map((t) => t.id);
}

describe('the roll-up against the raw-tag definition', () => {
  it('counts a tag left on a merged theme under the theme it was merged into (themes alongside), as the raw count and the quotes do', async () => {
    // The tagging route checks the theme against a codebook it read before its batch runs; a merge
    // that commits in between leaves a confirmed tag on the merged theme (mergeTheme only moves the
    // tags that exist when it runs). The raw definition, the quotes (detail.ts, COALESCE merged_into)
    // and the report before this change all count such a tag under the theme it became. The roll-up
    // keys the theme cell by the raw theme id, and objectiveDetails then drops it as a merged theme,
    // so these responses vanish from "themes tagged alongside" altogether.
    const [from, into] = await liveChildThemes(2);
    const q = quarter(2024, 2);
    const at = q.start + 10 * 24 * HOUR;
    const objective = obj('4.1');
    await addMany(10, { at, status: 'done', excerpts: [{ objectives: ['4.1'], themes: [into!] }] });
    const late = await addMany(5, { at, status: 'done', excerpts: [{ objectives: ['4.1'] }] });
    await mergeTheme(database(env.DB), from!, into!, 'test');
    // What the tagging route runs for a posted theme that was live when its codebook was read.
    for (const id of late) {
      await env.DB.batch(excerptTagStatements(database(env.DB), id, 'what-worked', 'words of the answer', [{ start: 0, end: 5 }], { themeId: from }, 'moderator'));
    }

    const raw = await env.DB.prepare(
      `SELECT COUNT(DISTINCT t.response_id) AS n FROM tags t JOIN moderation m ON m.response_id = t.response_id
         JOIN tags x ON x.response_id = t.response_id AND x.theme_id IS NOT NULL AND x.state = 'confirmed' AND x.round IN ('first', 'settled')
         JOIN themes th ON th.id = x.theme_id
       WHERE t.objective_id = ? AND t.state = 'confirmed' AND t.round IN ('first', 'settled') AND m.status != 'excluded' AND COALESCE(th.merged_into, th.id) = ?`,
    )
      .bind(objective, into)
      .first<{ n: number }>();
    expect(raw!.n).toBe(15);

    const details = await objectiveDetails(database(env.DB), { frameworkId: FW, quarters: [q], filters: {}, threshold: 5 }, [objective], objective);
    const shown = details.get(objective)!.themes.find((t) => t.id === into);
    expect(shown?.shown).toEqual({ kind: 'count', value: 15 });
  });

  it('refuses to rewrite a form definition in place, which would leave ratings counted under questions that are no longer ratings', async () => {
    // Found in review: a definition rewritten in place refreshed which questions are ratings but not the
    // facts made with the old ones. Versions are immutable (seeds add a new hash-named version), so the
    // fix is to refuse the rewrite; the roll-up stays as it was.
    const version = await versionOf('service-feedback');
    await addResponse({ at: quarter(2024, 3).start + 5 * HOUR, status: 'done', ratings: { 'how-was-it': '4' }, excerpts: [{ objectives: ['4.2'] }] });
    await expectRollupMatchesRaw();
    const row = await env.DB.prepare('SELECT definition FROM form_versions WHERE id = ?').bind(version).first<{ definition: string }>();
    const definition = JSON.parse(row!.definition) as { pages: { questions: { id: string; type: string }[] }[] };
    for (const p of definition.pages) for (const qn of p.questions) if (qn.id === 'how-was-it') qn.type = 'single_choice';
    await expect(env.DB.prepare('UPDATE form_versions SET definition = ? WHERE id = ?').bind(JSON.stringify(definition), version).run()).rejects.toThrow(/immutable/);
    expect((await env.DB.prepare('SELECT definition FROM form_versions WHERE id = ?').bind(version).first<{ definition: string }>())!.definition).toBe(row!.definition);
    await expectRollupMatchesRaw();
  });
});

describe('what was checked and held', () => {
  it('matches the raw rows after writes the roll-up test does not make: late and changed ratings, a moderation row removed and made again, one tag with an objective and a theme, tags moved between subjects and excerpts, excerpts merged and deleted, responses queued after their tags, two frameworks', async () => {
    const objectives = [obj('5.6'), obj('1.1'), 'oxfordshire-action-plan-2023-26:3', 'oxfordshire-action-plan-2023-26:4'];
    const themes = await liveChildThemes(3);
    const service = await versionOf('service-feedback');
    const festival = await versionOf('festival-of-feedback');
    const subject = fc.record({ o: fc.option(fc.nat(3)), t: fc.option(fc.nat(2)) });
    const op = fc.oneof(
      fc.record({ op: fc.constant('tag' as const), r: fc.nat(3), e: fc.nat(2), s: subject, state: fc.constantFrom('confirmed', 'rejected'), round: fc.constantFrom('first', 'second', 'settled') }),
      fc.record({ op: fc.constant('untag' as const), k: fc.nat(50) }),
      fc.record({ op: fc.constant('move' as const), k: fc.nat(50), e: fc.nat(2), s: subject }),
      fc.record({ op: fc.constant('status' as const), r: fc.nat(3), status: fc.constantFrom('new', 'in-review', 'done', 'excluded') }),
      fc.record({ op: fc.constant('rating' as const), r: fc.nat(3), v: fc.constantFrom('1', '2', '3') }),
      fc.record({ op: fc.constant('unqueue' as const), r: fc.nat(3) }),
      fc.record({ op: fc.constant('queue' as const), r: fc.nat(3), status: fc.constantFrom('new', 'done', 'excluded') }),
      fc.record({ op: fc.constant('excerpt-gone' as const), r: fc.nat(3), e: fc.nat(2) }),
      fc.record({ op: fc.constant('excerpts-merged' as const), r: fc.nat(3), a: fc.nat(2), b: fc.nat(2) }),
      fc.record({ op: fc.constant('theme-merged' as const), from: fc.nat(2), into: fc.nat(2) }),
      fc.record({ op: fc.constant('withdraw' as const), r: fc.nat(3) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        run += 1;
        const ids: string[] = [];
        const excerpts: number[][] = [];
        for (let i = 0; i < 4; i++) {
          const id = `held-${run}-${i}`;
          ids.push(id);
          await env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at, organisation_id) VALUES (?, ?, 'online', 'en', ?, ?)")
            .bind(id, i % 2 ? festival : service, Date.parse('2026-03-31T21:00:00Z') + i * HOUR, i % 2 ? 'homeless-oxfordshire' : null)
            .run();
          await env.DB.prepare('INSERT INTO answers (response_id, question_id, value) VALUES (?, ?, ?)').bind(id, i % 2 ? 'accommodation-rating' : 'how-was-it', '"2"').run();
          const mine: number[] = [];
          for (let e = 0; e < 3; e++) {
            const x = await env.DB.prepare('INSERT INTO excerpts (response_id, question_id, start, "end", text, created_by, created_at) VALUES (?, \'what-worked\', ?, ?, \'words\', \'t\', 0) RETURNING id')
              .bind(id, e * 10, e * 10 + 5)
              .first<{ id: number }>();
            mine.push(x!.id);
          }
          excerpts.push(mine);
          // The last one is queued only by a 'queue' step, after whatever tags it has by then.
          if (i !== 3) await env.DB.prepare("INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, 'new', 0)").bind(id).run();
        }
        const tagIds = async () =>
          (await env.DB.prepare(`SELECT id FROM tags WHERE response_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`).bind(...ids).all<{ id: number }>()).results.map((t) => t.id);
        const value = (s: { o: number | null; t: number | null }) => [s.o === null ? null : objectives[s.o]!, s.t === null ? null : themes[s.t]!] as const;
        for (const o of ops) {
          if (o.op === 'tag') {
            if (o.s.o === null && o.s.t === null) continue;
            await env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, objective_id, theme_id, created_by, created_at, state, round) SELECT id, response_id, ?, ?, 't', 0, ?, ? FROM excerpts WHERE id = ?")
              .bind(...value(o.s), o.state, o.round, excerpts[o.r]![o.e])
              .run();
          } else if (o.op === 'untag' || o.op === 'move') {
            const all = await tagIds();
            if (all.length === 0) continue;
            const id = all[o.k % all.length]!;
            if (o.op === 'untag') await env.DB.prepare('DELETE FROM tags WHERE id = ?').bind(id).run();
            else if (o.s.o !== null || o.s.t !== null)
              await env.DB.prepare('UPDATE tags SET excerpt_id = COALESCE((SELECT e.id FROM excerpts e WHERE e.response_id = tags.response_id ORDER BY e.id LIMIT 1 OFFSET ?), excerpt_id), objective_id = ?, theme_id = ? WHERE id = ?')
                .bind(o.e, ...value(o.s), id)
                .run();
          } else if (o.op === 'status') await env.DB.prepare('UPDATE moderation SET status = ? WHERE response_id = ?').bind(o.status, ids[o.r]).run();
          else if (o.op === 'rating')
            await env.DB.prepare(
              "INSERT INTO answers (response_id, question_id, value) SELECT id, CASE WHEN form_version_id = ? THEN 'listened-to' ELSE 'how-was-it' END, ? FROM responses WHERE id = ? ON CONFLICT (response_id, question_id) DO UPDATE SET value = excluded.value",
            )
              .bind(festival, `"${o.v}"`, ids[o.r])
              .run();
          else if (o.op === 'unqueue') await env.DB.prepare('DELETE FROM moderation WHERE response_id = ?').bind(ids[o.r]).run();
          else if (o.op === 'queue') await env.DB.prepare('INSERT OR IGNORE INTO moderation (response_id, status, submitted_at) SELECT id, ?, 0 FROM responses WHERE id = ?').bind(o.status, ids[o.r]).run();
          else if (o.op === 'excerpt-gone') await env.DB.prepare('DELETE FROM excerpts WHERE id = ?').bind(excerpts[o.r]![o.e]).run();
          else if (o.op === 'excerpts-merged') {
            if (o.a === o.b) continue;
            const [keep, drop] = [excerpts[o.r]![o.a], excerpts[o.r]![o.b]];
            await env.DB.batch([
              env.DB.prepare('UPDATE tags SET excerpt_id = ? WHERE excerpt_id = ? AND EXISTS (SELECT 1 FROM excerpts WHERE id = ?)').bind(keep, drop, keep),
              env.DB.prepare('DELETE FROM excerpts WHERE id = ? AND EXISTS (SELECT 1 FROM excerpts WHERE id = ?)').bind(drop, keep),
            ]);
          } else if (o.op === 'theme-merged') {
            if (o.from === o.into) continue;
            await mergeTheme(database(env.DB), themes[o.from]!, themes[o.into]!, 'test');
            await env.DB.prepare('UPDATE themes SET merged_into = NULL WHERE id = ?').bind(themes[o.from]).run();
          } else await env.DB.prepare('DELETE FROM responses WHERE id = ?').bind(ids[o.r]).run();
        }
        await expectRollupMatchesRaw().catch((err: Error) => {
          throw new Error(`run ${run}, after ${JSON.stringify(ops)}: ${err.message.slice(0, 2000)}`);
        });
        await env.DB.prepare(`DELETE FROM responses WHERE id IN (${ids.map(() => '?').join(', ')})`).bind(...ids).run();
        await expectRollupMatchesRaw();
      }),
      { numRuns: 25, seed: 20261206 },
    );
  }, 120_000);
});

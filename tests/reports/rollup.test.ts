// The report's roll-up (report_facts and report_cells, kept by the triggers of migration 0010) against
// a recount of the raw rows in JavaScript (tests/helpers/rollup.ts): after every kind of write moderation
// makes, in any order, and across every quarter boundary. Reports read nothing else, so a roll-up that
// drifts would publish wrong figures; these tests are what stands behind it.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client';
import { mergeTheme } from '../../worker/moderate/codebook/queries';
import { quarter, quarterNumber, quarterOf } from '../../worker/reports/period';
import { expectRollupMatchesRaw, storedCells } from '../helpers/rollup';
import { addResponse, addSession, obj, versionOf } from './fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('the roll-up', () => {
  it('puts a response in the UK financial quarter of its hour, either side of every boundary from 2024 to 2031', async () => {
    const version = await versionOf('service-feedback');
    const instants: number[] = [];
    for (let year = 2023; year <= 2031; year++) {
      for (const q of [1, 2, 3, 4] as const) {
        const { start } = quarter(year, q);
        for (const d of [-DAY, -HOUR - 1, -HOUR, -1, 0, 1, HOUR - 1, HOUR, DAY]) instants.push(start + d);
      }
    }
    const ids = instants.map((_, i) => `quarter-edge-${i}`);
    const statements = instants.flatMap((ms, i) => [
      env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(ids[i], version, ms),
      env.DB.prepare("INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, 'new', ?)").bind(ids[i], ms),
    ]);
    for (let i = 0; i < statements.length; i += 90) await env.DB.batch(statements.slice(i, i + 90));
    const { results } = await env.DB.prepare("SELECT response_id AS id, quarter FROM report_facts WHERE kind = 'response' AND response_id LIKE 'quarter-edge-%'").all<{ id: string; quarter: number }>();
    const stored = new Map(results.map((r) => [r.id, r.quarter]));
    const wrong = instants.filter((ms, i) => stored.get(ids[i]!) !== quarterNumber(quarterOf(ms))).map((ms) => new Date(ms).toISOString());
    expect(wrong).toEqual([]);
    expect(stored.size).toBe(instants.length);
    // And a few by hand: 00:30 on 1 April UK time (BST) is the new year's first quarter.
    expect(quarterNumber(quarterOf(at('2026-03-31T23:30:00Z')))).toBe(2026 * 4 + 1);
    expect(stored.get(ids[instants.indexOf(quarter(2026, 1).start)]!)).toBe(8105);
    await env.DB.prepare("DELETE FROM responses WHERE id LIKE 'quarter-edge-%'").run();
  });

  it('follows each kind of write: tag, untag, reject, second round, settle, rating answered late, status, exclusion, merge, excerpt gone, withdrawal', async () => {
    await addSession('rollup-session', 'Roll-up drop-in', 'homeless-oxfordshire');
    const when = at('2026-05-12T10:00:00Z');
    const a = await addResponse({ at: when, channel: 'kiosk', session: 'rollup-session', organisation: 'homeless-oxfordshire', ratings: { 'how-was-it': '4' }, excerpts: [{ objectives: ['5.6', '1.1'], themes: ['not-hearing-back'] }, { objectives: ['5.6'] }] });
    const b = await addResponse({ at: when + 40 * DAY, status: 'in-review', excerpts: [{ objectives: ['2.1'], themes: ['waiting-for-housing'] }] });
    const c = await addResponse({ at: when, form: 'festival-of-feedback', channel: 'group', excerpts: [{ objectives: ['5.6'], state: 'rejected' }, { objectives: ['1.1'], round: 'second' }] });
    expect((await storedCells()).size).toBeGreaterThan(0);
    await expectRollupMatchesRaw();

    const excerptOf = async (response: string) => (await env.DB.prepare('SELECT id FROM excerpts WHERE response_id = ? ORDER BY id').bind(response).all<{ id: number }>()).results.map((r) => r.id);
    const [a1, a2] = await excerptOf(a);
    const [c1, c2] = await excerptOf(c);
    const steps: [string, () => Promise<unknown>][] = [
      ['tag', () => env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at) VALUES (?, ?, ?, 't', 0)").bind(a2, a, obj('3.2')).run()],
      ['untag', () => env.DB.prepare('DELETE FROM tags WHERE excerpt_id = ? AND objective_id = ?').bind(a1, obj('1.1')).run()],
      ['reject', () => env.DB.prepare("UPDATE tags SET state = 'rejected' WHERE excerpt_id = ? AND objective_id = ?").bind(a2, obj('5.6')).run()],
      ['confirm again', () => env.DB.prepare("UPDATE tags SET state = 'confirmed' WHERE excerpt_id = ? AND objective_id = ?").bind(a2, obj('5.6')).run()],
      ['settle a second round', () => env.DB.prepare("UPDATE tags SET round = 'settled' WHERE excerpt_id = ?").bind(c2).run()],
      ['rating answered late', () => env.DB.prepare("INSERT INTO answers (response_id, question_id, value) VALUES (?, 'listened-to', '\"3\"')").bind(c).run()],
      ['done', () => env.DB.prepare("UPDATE moderation SET status = 'done' WHERE response_id = ?").bind(b).run()],
      ['excluded', () => env.DB.prepare("UPDATE moderation SET status = 'excluded' WHERE response_id = ?").bind(a).run()],
      ['tagged while excluded', () => env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, theme_id, created_by, created_at) VALUES (?, ?, 'waiting-for-housing', 't', 0)").bind(a1, a).run()],
      ['back in', () => env.DB.prepare("UPDATE moderation SET status = 'in-review' WHERE response_id = ?").bind(a).run()],
      ['theme merged', () => mergeTheme(database(env.DB), 'not-hearing-back', 'waiting-for-housing', 'test')],
      ['excerpts merged', () => env.DB.batch([env.DB.prepare('UPDATE tags SET excerpt_id = ? WHERE excerpt_id = ?').bind(a1, a2), env.DB.prepare('DELETE FROM excerpts WHERE id = ?').bind(a2)])],
      ['excerpt gone', () => env.DB.prepare('DELETE FROM excerpts WHERE id = ?').bind(c1).run()],
      ['withdrawn', () => env.DB.prepare('DELETE FROM responses WHERE id = ?').bind(a).run()],
    ];
    for (const [name, step] of steps) {
      await step();
      await expectRollupMatchesRaw().catch((err: Error) => {
        throw new Error(`after “${name}”: ${err.message}`);
      });
    }
    expect((await env.DB.prepare('SELECT count(*) AS n FROM report_facts WHERE response_id = ?').bind(a).first<{ n: number }>())!.n).toBe(0);
  });

  it('holds whatever order tags, untags, status changes, merges and withdrawals come in', async () => {
    const objectives = ['5.6', '5.5', '1.1', '2.1'].map(obj).concat(['oxfordshire-action-plan-2023-26:3']);
    const themes = (await env.DB.prepare('SELECT id FROM themes WHERE merged_into IS NULL AND parent_id IS NOT NULL ORDER BY id LIMIT 4').all<{ id: string }>()).results.map((t) => t.id);
    expect(themes.length).toBe(4);
    const op = fc.oneof(
      fc.record({ op: fc.constant('tag' as const), r: fc.nat(5), e: fc.nat(1), subject: fc.nat(objectives.length + themes.length - 1), state: fc.constantFrom('confirmed', 'rejected'), round: fc.constantFrom('first', 'second', 'settled') }),
      fc.record({ op: fc.constant('untag' as const), k: fc.nat(50) }),
      fc.record({ op: fc.constant('retag' as const), k: fc.nat(50), round: fc.constantFrom('first', 'second', 'settled'), state: fc.constantFrom('confirmed', 'rejected') }),
      fc.record({ op: fc.constant('status' as const), r: fc.nat(5), status: fc.constantFrom('new', 'in-review', 'done', 'excluded') }),
      fc.record({ op: fc.constant('merge' as const), from: fc.nat(3), into: fc.nat(3) }),
      fc.record({ op: fc.constant('withdraw' as const), r: fc.nat(5) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        run += 1;
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) {
          ids.push(
            await addResponse({
              at: at('2025-12-31T22:00:00Z') + i * 7 * HOUR,
              channel: (['online', 'kiosk', 'paper'] as const)[i % 3],
              form: i % 2 ? 'festival-of-feedback' : 'service-feedback',
              ratings: i % 2 ? { 'accommodation-rating': String(1 + (i % 5)) } : { 'how-was-it': String(1 + (i % 5)) },
              organisation: i % 3 ? 'homeless-oxfordshire' : undefined,
              excerpts: [{}, {}],
            }),
          );
        }
        const excerpts = await Promise.all(ids.map(async (id) => (await env.DB.prepare('SELECT id FROM excerpts WHERE response_id = ? ORDER BY id').bind(id).all<{ id: number }>()).results.map((x) => x.id)));
        const tagIds = async () => (await env.DB.prepare(`SELECT id FROM tags WHERE response_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`).bind(...ids).all<{ id: number }>()).results.map((t) => t.id);
        for (const o of ops) {
          if (o.op === 'tag') {
            const excerpt = excerpts[o.r]![o.e]!;
            const [column, value] = o.subject < objectives.length ? ['objective_id', objectives[o.subject]!] : ['theme_id', themes[o.subject - objectives.length]!];
            await env.DB.prepare(`INSERT INTO tags (excerpt_id, response_id, ${column}, created_by, created_at, state, round) SELECT id, response_id, ?, 't', 0, ?, ? FROM excerpts WHERE id = ?`)
              .bind(value, o.state, o.round, excerpt)
              .run();
          } else if (o.op === 'untag' || o.op === 'retag') {
            const all = await tagIds();
            if (all.length === 0) continue;
            const id = all[o.k % all.length]!;
            if (o.op === 'untag') await env.DB.prepare('DELETE FROM tags WHERE id = ?').bind(id).run();
            else await env.DB.prepare('UPDATE tags SET round = ?, state = ? WHERE id = ?').bind(o.round, o.state, id).run();
          } else if (o.op === 'status') {
            await env.DB.prepare('UPDATE moderation SET status = ? WHERE response_id = ?').bind(o.status, ids[o.r]).run();
          } else if (o.op === 'merge') {
            if (o.from === o.into) continue;
            // Merging moves the tags; the theme itself is restored after, so later runs still have four.
            await mergeTheme(database(env.DB), themes[o.from]!, themes[o.into]!, 'test');
            await env.DB.prepare('UPDATE themes SET merged_into = NULL WHERE id = ?').bind(themes[o.from]).run();
          } else {
            await env.DB.prepare('DELETE FROM responses WHERE id = ?').bind(ids[o.r]).run();
          }
        }
        await expectRollupMatchesRaw().catch((err: Error) => {
          throw new Error(`run ${run}, after ${JSON.stringify(ops)}: ${err.message.slice(0, 2000)}`);
        });
        await env.DB.prepare(`DELETE FROM responses WHERE id IN (${ids.map(() => '?').join(', ')})`).bind(...ids).run();
      }),
      { numRuns: 25, seed: 20261206 },
    );
  });
});

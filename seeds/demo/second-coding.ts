// The demo's blind second coding: twelve responses of the latest moderated quarter, drawn "at random"
// (every fourth done response with an objective, so the demo is the same every time), coded again by
// the second demo moderator. She agrees on most and differs on a few, as two careful people do:
// she leaves out a second objective Mo added, or adds a neighbouring one. One disagreement is settled.
import { lit } from '../index';
import { SECOND_MODERATOR, demoStaff } from '../demo-staff';
import type { DemoResponse } from './schema';

const COUNTYWIDE = 'oxfordshire-countywide';
const CODING = '5e0c0d1e-0000-4000-8000-00000000c0de';
const DAY = 86_400_000;
// Codes a second reader might reach for instead, or as well.
const NEIGHBOURS: Record<string, string> = { '3.2': '4.1', '4.1': '3.2', '4.3': '4.4', '5.1': '5.6', '5.6': '5.1', '5.5': '5.6', '5.2': '2.4', '4.5': '2.2', '5.3': '5.6', '5.4': '3.3' };

export function secondCodingStatements(responses: readonly DemoResponse[], now: number): string[] {
  const admin = demoStaff.find((s) => s.role === 'deployment-admin')!.id;
  // The quarter before the current one: what the demo's "moderated latest quarter" holds.
  const cutoff = now - 200 * DAY;
  const candidates = responses.filter((r) => r.moderation.status === 'done' && r.submittedAt >= cutoff && r.moderation.tags.some((t) => t.objectives.length > 0));
  const sample = candidates.filter((_, i) => i % 4 === 1).slice(0, 12);
  if (sample.length === 0) return [];
  const requestedAt = Math.max(...sample.map((r) => r.submittedAt)) + 10 * DAY;
  const out = [
    `INSERT OR IGNORE INTO second_codings (id, framework_id, description, requested_by, requested_at) VALUES (${lit(CODING)}, ${lit(COUNTYWIDE)}, ${lit(`${sample.length} of ${candidates.length} responses, July to September 2026 (Oxfordshire Countywide Homelessness and Rough Sleeping Strategy)`)}, ${lit(admin)}, ${requestedAt});`,
  ];
  sample.forEach((r, k) => {
    const first = [...new Set(r.moderation.tags.flatMap((t) => t.objectives))];
    let second = [...first];
    if (k % 4 === 1 && first.length > 1) second = first.slice(0, 1); // leaves out Mo's second objective
    if (k % 4 === 3) second = [...new Set([...first, NEIGHBOURS[first[0]!] ?? '5.6'])]; // adds a neighbour
    const codedAt = requestedAt + (k + 1) * 3_600_000;
    const settled = k === 1 && second.length !== first.length;
    out.push(
      `INSERT OR IGNORE INTO second_coding_items (coding_id, response_id, coded_by, coded_at, settled_by, settled_at, settled_with) VALUES (${lit(CODING)}, ${lit(r.id)}, ${lit(SECOND_MODERATOR)}, ${codedAt}, ${settled ? lit(SECOND_MODERATOR) : 'NULL'}, ${settled ? codedAt + DAY : 'NULL'}, ${settled ? "'both'" : 'NULL'});`,
    );
    // Themes as Mo had them, but for one response where she sees no theme at all.
    const themes = k === 5 ? [] : [...new Set(r.moderation.tags.flatMap((t) => t.themes))];
    for (const theme of themes) {
      out.push(
        `INSERT INTO tags (excerpt_id, response_id, theme_id, created_by, created_at, source, state, round) ` +
          `SELECT (SELECT excerpt_id FROM tags WHERE response_id = ${lit(r.id)} AND round = 'first' ORDER BY id LIMIT 1), ${lit(r.id)}, ${lit(theme)}, ${lit(SECOND_MODERATOR)}, ${codedAt}, 'manual', 'confirmed', 'second' ` +
          `WHERE NOT EXISTS (SELECT 1 FROM tags WHERE response_id = ${lit(r.id)} AND round = 'second' AND theme_id = ${lit(theme)});`,
      );
    }
    for (const code of second) {
      // On the excerpt of Mo's first tag, so it sits beside his; once only, however often the seed runs.
      out.push(
        `INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at, source, state, round) ` +
          `SELECT (SELECT excerpt_id FROM tags WHERE response_id = ${lit(r.id)} AND round = 'first' ORDER BY id LIMIT 1), ${lit(r.id)}, ${lit(`${COUNTYWIDE}:${code}`)}, ${lit(SECOND_MODERATOR)}, ${codedAt}, 'manual', 'confirmed', 'second' ` +
          `WHERE NOT EXISTS (SELECT 1 FROM tags WHERE response_id = ${lit(r.id)} AND round = 'second' AND objective_id = ${lit(`${COUNTYWIDE}:${code}`)});`,
      );
    }
  });
  return out;
}

// Hand-made report fixtures: responses placed in chosen quarters with chosen channels, ratings,
// excerpts and tags, written straight into the test D1 so each count in a test can be worked out by hand.
import { env } from 'cloudflare:workers';

export const FW = 'oxfordshire-countywide';
export const obj = (code: string) => `${FW}:${code}`;

let n = 0;

export interface FixtureTag {
  objectives?: string[];
  themes?: string[];
  text?: string;
  approved?: boolean;
  state?: 'confirmed' | 'rejected';
  round?: 'first' | 'second' | 'settled';
}

export interface FixtureResponse {
  at: number;
  form?: 'service-feedback' | 'festival-of-feedback';
  channel?: 'online' | 'kiosk' | 'assisted' | 'group' | 'paper';
  organisation?: string;
  session?: string;
  status?: 'new' | 'in-review' | 'done' | 'excluded';
  consent?: boolean;
  ratings?: Record<string, string>;
  excerpts: FixtureTag[];
}

export async function versionOf(slug: string): Promise<string> {
  const row = await env.DB.prepare('SELECT current_version_id AS v FROM forms WHERE slug = ?').bind(slug).first<{ v: string }>();
  return row!.v;
}

export async function addSession(id: string, name: string, organisation: string, slug = 'festival-of-feedback'): Promise<void> {
  const form = await env.DB.prepare('SELECT id FROM forms WHERE slug = ?').bind(slug).first<{ id: string }>();
  await env.DB.prepare("INSERT INTO feedback_sessions (id, form_id, name, place, held_on, organisation_id, status, created_by, created_at) VALUES (?, ?, ?, 'Test hall', 0, ?, 'closed', 'test', 0)")
    .bind(id, form!.id, name, organisation)
    .run();
}

/** Writes one response and everything moderation made of it; returns its id. */
export async function addResponse(r: FixtureResponse): Promise<string> {
  n += 1;
  const id = `fixture-${n}-${crypto.randomUUID()}`;
  const version = await versionOf(r.form ?? 'service-feedback');
  const statements = [
    env.DB.prepare('INSERT INTO responses (id, form_version_id, session_id, channel, locale, submitted_at, organisation_id) VALUES (?, ?, ?, ?, ?, ?, ?)').bind(
      id,
      version,
      r.session ?? null,
      r.channel ?? 'online',
      'en',
      r.at,
      r.organisation ?? null,
    ),
    env.DB.prepare('INSERT INTO moderation (response_id, status, quote_consent, submitted_at) VALUES (?, ?, ?, ?)').bind(id, r.status ?? 'done', r.consent === false ? 0 : 1, r.at),
  ];
  for (const [q, v] of Object.entries(r.ratings ?? {})) statements.push(env.DB.prepare('INSERT INTO answers (response_id, question_id, value) VALUES (?, ?, ?)').bind(id, q, JSON.stringify(v)));
  await env.DB.batch(statements);
  let offset = 0;
  for (const e of r.excerpts) {
    const text = e.text ?? `words ${n} ${offset}`;
    const excerpt = await env.DB.prepare('INSERT INTO excerpts (response_id, question_id, start, "end", text, created_by, created_at, quote_approved_by, quote_approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id')
      .bind(id, 'what-worked', offset, offset + text.length, text, 'test', r.at, e.approved ? 'test' : null, e.approved ? r.at : null)
      .first<{ id: number }>();
    offset += text.length + 1;
    const tags = [...(e.objectives ?? []).map((o) => ['objective_id', obj(o)] as const), ...(e.themes ?? []).map((t) => ['theme_id', t] as const)];
    if (tags.length > 0) {
      await env.DB.batch(
        tags.map(([column, value]) =>
          env.DB.prepare(`INSERT INTO tags (excerpt_id, response_id, ${column}, created_by, created_at, state, round) VALUES (?, ?, ?, 'test', ?, ?, ?)`).bind(excerpt!.id, id, value, r.at, e.state ?? 'confirmed', e.round ?? 'first'),
        ),
      );
    }
  }
  return id;
}

/** Several alike responses. */
export async function addMany(count: number, r: FixtureResponse): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await addResponse(r));
  return ids;
}

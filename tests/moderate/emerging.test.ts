// Emerging themes (issue 10, point 6): grouping untagged answers by distinctive shared words on a
// small hand-made fixture, and making a theme from a group over HTTP, which tags its answers.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { emergingGroups } from '../../worker/moderate/emerging/cluster';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';
import { expectRollupMatchesRaw } from '../helpers/rollup';

const DOGS = [
  'They would not let my dog into the hostel so I slept out with him',
  'No hostel takes dogs. My dog is all I have got',
  'I had to choose between a bed and my dog, so I chose my dog',
  'A hostel that takes dogs would have got me off the street months ago',
];
const BUS = [
  'I missed the appointment because I could not afford the bus fare',
  'Bus fare to the job centre is more than I have some weeks',
  'They want you at appointments across town but the bus fare is on you',
];
const OTHER = [
  'The staff on the night shift were kind to me',
  'Waited ages for the council to ring back',
  'My GP helped with a letter for the housing team',
  'Too noisy to sleep at the weekend',
  'Food at the drop in was good',
  'I want my own flat near my daughter',
];

describe('grouping untagged answers', () => {
  it('finds the answers about dogs and the ones about bus fares, with their shared words, and leaves the rest alone', () => {
    const docs = [...DOGS, ...BUS, ...OTHER].map((text, i) => ({ key: String(i), text }));
    const groups = emergingGroups(docs);
    const dogs = groups.find((g) => g.words.some((w) => /^dogs?$/.test(w)));
    const bus = groups.find((g) => g.words.some((w) => /bus/.test(w)));
    expect(dogs?.members.map((m) => m.text).sort()).toEqual([...DOGS].sort());
    expect(bus?.members.map((m) => m.text).sort()).toEqual([...BUS].sort());
    expect(bus!.words).toEqual(expect.arrayContaining(['bus fare']));
    for (const g of groups) for (const m of g.members) expect(OTHER).not.toContain(m.text);
    // The same answers always give the same groups.
    expect(emergingGroups(docs)).toEqual(groups);
    expect(emergingGroups(docs.slice(0, 2))).toEqual([]);
  });
});

describe('making a theme from a group, over HTTP', () => {
  let v: Visitor;
  const ids: string[] = [];
  beforeAll(async () => {
    v = await signIn(await createStaff('moderator'));
    const version = (await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>())!.v;
    for (const [i, text] of [...DOGS, ...BUS, ...OTHER].entries()) {
      const id = `emerging-${i}-${crypto.randomUUID()}`;
      ids.push(id);
      await env.DB.batch([
        env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version, Date.UTC(2026, 9, 1) + i * 3_600_000),
        env.DB.prepare("INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, 'in-review', ?)").bind(id, Date.UTC(2026, 9, 1) + i * 3_600_000),
        env.DB.prepare("INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, 'change', ?)").bind(id, text),
      ]);
    }
  });
  const post = async (fields: Record<string, string | string[]>) => v.post('/moderate/emerging/themes', { csrf: await csrfOf(v), ...fields } as Record<string, string>);

  it('shows the groups with their words and examples, and makes the theme, tagging the chosen answers', async () => {
    const page = await (await v.get('/moderate/emerging')).text();
    expect(page).toContain('Emerging themes');
    const k = [...page.matchAll(/<input type="hidden" name="group" value="(\d+)"\/>[\s\S]*?(?=<input type="hidden" name="group"|$)/g)].find((m) => m[0].includes('slept out with him'));
    expect(k).toBeDefined();
    const group = k![1]!;
    const members = [...k![0].matchAll(/name="member" type="checkbox" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(members).toHaveLength(4);
    // Bad input: no name, no answer ticked; what was typed stays.
    const bad = await post({ group, [`g${group}-name`]: '', [`g${group}-definition`]: 'Pets and hostels', [`g${group}-example`]: 'My dog' });
    expect(bad.status).toBe(422);
    const badPage = await bad.text();
    expect(badPage).toContain('Enter a name');
    expect(badPage).toContain('Tick at least one answer');
    expect(badPage).toContain('Pets and hostels');
    const ok = await post({ group, [`g${group}-name`]: 'Pets', [`g${group}-definition`]: 'Hostels and services that do not take pets', [`g${group}-example`]: 'No hostel takes dogs', member: members.slice(0, 3) });
    expect(ok.status).toBe(303);
    expect(Visitor.location(ok)).toMatch(/^\/moderate\/emerging\?theme=pets&tagged=3$/);
    const done = await (await v.get(Visitor.location(ok)!)).text();
    expect(done).toContain('Theme “Pets” added, and 3 answers tagged with it.');
    const tagged = (await env.DB.prepare("SELECT response_id AS id FROM tags WHERE theme_id = 'pets' AND state = 'confirmed' AND round = 'first'").all<{ id: string }>()).results.map((r) => r.id);
    expect(tagged.sort()).toEqual(members.slice(0, 3).map((m) => m.split('|')[0]!).sort());
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'theme.added' AND target_id = 'pets'").first<{ n: number }>())!.n).toBe(1);
    // A name already in the codebook is refused.
    const again = await (await v.get('/moderate/emerging')).text();
    const bus = [...again.matchAll(/<input type="hidden" name="group" value="(\d+)"\/>[\s\S]*?(?=<input type="hidden" name="group"|$)/g)].find((m) => m[0].includes('bus fare'));
    const dup = await post({ group: bus![1]!, [`g${bus![1]}-name`]: 'pets', [`g${bus![1]}-definition`]: 'd', [`g${bus![1]}-example`]: 'e', member: [...bus![0].matchAll(/value="([^"]+\|change)"/g)].map((m) => m[1]!) });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('There is already a theme with this name');
    await expectRollupMatchesRaw();
  });

  it('refuses a group it cannot read with a 4xx, never a 500', async () => {
    expect((await post({ group: 'x' })).status).toBe(400);
    expect((await post({ group: '99' })).status).toBe(422);
    expect((await post({})).status).toBe(422);
  });
});

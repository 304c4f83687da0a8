// The public pages as anyone reads them, with no account and on a slow phone: "/you-said-we-did"
// and "/strategy/<framework>", in English and Arabic, with JavaScript off (there is none), figures
// suppressed, and within the respondent page budget. Over HTTP against the real Worker and D1.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { assetPaths } from '../../worker/views/assets';
import { quarterName, quarterOf } from '../../worker/reports/period';
import { arabic } from '../../seeds/demo/pool-ar';
import { changeShort } from '../../seeds/demo/pool-change';
import { worked } from '../../seeds/demo/pool-service';
import { createStaff } from '../helpers/staff';
import { ORIGIN, Visitor } from '../helpers/visitor';

const HOUR = 3_600_000;
const COUNTYWIDE = 'oxfordshire-countywide';
let staffId: string;

beforeAll(async () => {
  staffId = (await createStaff('commissioner')).id;
});

interface ActionRow {
  objective?: string;
  theme?: string;
  youSaid: { en: string; ar?: string };
  weDid: { en: string; ar?: string };
  organisation?: string;
  status?: 'red' | 'amber' | 'green' | 'complete';
  actedOn?: number;
  published?: boolean;
}

let made = 0;
async function anAction(a: ActionRow): Promise<string> {
  made += 1;
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO actions (id, objective_id, theme_id, you_said, we_did, organisation_id, status, acted_on, published, created_by, created_at, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(id, a.objective ? `${COUNTYWIDE}:${a.objective}` : null, a.theme ?? null, JSON.stringify(a.youSaid), JSON.stringify(a.weDid), a.organisation ?? 'oxford-city-council', a.status ?? 'green', a.actedOn ?? Date.UTC(2026, 5, made), a.published === false ? 0 : 1, staffId, made, staffId, made)
    .run();
  return id;
}

/** `n` people whose feedback this quarter was tagged (confirmed, first round) with the objective. */
async function peopleRaising(objective: string, n: number) {
  const version = await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>();
  const at = Math.max(quarterOf(Date.now()).start, Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR);
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version!.v, at),
      env.DB.prepare("INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, 'done', ?)").bind(id, at),
    ]);
    const excerpt = await env.DB.prepare("INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at) VALUES (?, 'change', 0, 5, 'words', ?, ?) RETURNING id")
      .bind(id, staffId, at)
      .first<{ id: number }>();
    await env.DB.prepare('INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)').bind(excerpt!.id, id, `${COUNTYWIDE}:${objective}`, staffId, at).run();
  }
}

/** Bytes over the wire with gzip (the bench's reading: 1 KB = 1,000 bytes). */
async function gzipped(body: ArrayBuffer | string): Promise<number> {
  return (await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;
}

async function cssBytes(): Promise<number> {
  const res = await env.ASSETS.fetch(new Request(new URL(assetPaths.css, ORIGIN)));
  expect(res.status).toBe(200);
  return gzipped(await res.arrayBuffer());
}

const anyone = () => new Visitor();
const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await anyone().get(path, headers);
  return { status: res.status, body: await res.text(), res };
};

describe('before anything is published', () => {
  it('says so in a sentence, in English and in Arabic', async () => {
    await anAction({ objective: '1.1', youSaid: { en: 'A draft nobody may see yet.' }, weDid: { en: 'Draft work in progress.' }, published: false });
    const en = await page('/you-said-we-did');
    expect(en.status).toBe(200);
    expect(en.body).toContain('Nothing has been published here yet.');
    expect(en.body).not.toContain('A draft nobody may see yet.');
    const ar = await page('/you-said-we-did?lang=ar');
    expect(ar.body).toContain('<html lang="ar" dir="rtl"');
    expect(ar.body).toContain('لم يُنشر شيء هنا بعد.');
  });
});

describe('"you said, we did"', () => {
  let draft: string;

  beforeAll(async () => {
    await anAction({
      theme: 'waiting-for-housing',
      objective: '4.3',
      youSaid: { en: 'Nobody tells you where you are on the housing list.', ar: 'لا أحد يخبرك بمكانك في قائمة السكن.' },
      weDid: { en: 'Every person on the list now gets a letter each month saying where they are.', ar: 'يتلقى كل شخص في القائمة الآن رسالة كل شهر توضح مكانه.' },
      status: 'amber',
      actedOn: Date.UTC(2026, 2, 5),
    });
    await anAction({ objective: '5.5', youSaid: { en: 'We want a say in how hostels are run.' }, weDid: { en: 'Residents now sit on the hostel board.' }, organisation: 'homeless-oxfordshire', status: 'complete' });
    draft = await anAction({ theme: 'wifi', youSaid: { en: 'There is no wifi in the hostel.' }, weDid: { en: 'Secret plan not yet agreed.' }, published: false });
  });

  it('shows anyone, with no cookie, only the published actions, under a theme’s or section’s plain name', async () => {
    const { status, body, res } = await page('/you-said-we-did');
    expect(status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(body).not.toContain('<script');
    expect(body).toContain('<h1 class="govuk-heading-l">You said, we did</h1>');
    // A child theme's action sits under its top-level theme; one with only an objective under the objective's section.
    expect(body).toMatch(/<h2 class="govuk-heading-m">Waiting and delays<\/h2>[\s\S]*?Nobody tells you where you are on the housing list\./);
    expect(body).toMatch(/<h2 class="govuk-heading-m">Person Centred Approach<\/h2>[\s\S]*?Residents now sit on the hostel board\./);
    expect(body).toContain(
      '<dl class="govuk-body heard-action"><dt>You said</dt><dd>Nobody tells you where you are on the housing list.</dd><dt>We did</dt><dd>Every person on the list now gets a letter each month saying where they are.</dd>' +
        '<dt>Who</dt><dd>Oxford City Council</dd><dt>Progress</dt><dd><span class="heard-status heard-status--amber">Under way, with problems</span></dd><dt>Date</dt><dd>5 March 2026</dd></dl>',
    );
    expect(body).toMatch(/Residents now sit on the hostel board\.<\/dd><dt>Who<\/dt><dd>Homeless Oxfordshire<\/dd><dt>Progress<\/dt><dd><span class="heard-status heard-status--complete">Done</);
    expect(body).not.toContain(draft);
    expect(body).not.toContain('Secret plan');
    expect(body).not.toContain('A draft nobody may see yet.');
  });

  it('reads in Arabic, right to left, falling back to marked English where there is no translation', async () => {
    const { body } = await page('/you-said-we-did?lang=ar');
    expect(body).toContain('<html lang="ar" dir="rtl"');
    expect(body).toContain('<h1 class="govuk-heading-l">قلتم، فعلنا</h1>');
    expect(body).toContain('<dt>قلتم</dt><dd>لا أحد يخبرك بمكانك في قائمة السكن.</dd>');
    expect(body).toContain('جارٍ، مع وجود مشكلات');
    expect(body).toContain('5 مارس 2026');
    expect(body).toContain('<dd lang="en" dir="ltr">Residents now sit on the hostel board.</dd>');
    expect(body).toContain('<h2 class="govuk-heading-m" lang="en">Waiting and delays</h2>');
    expect(body).toContain('<dd lang="en">Oxford City Council</dd>');
    // Language links to the same page.
    expect(body).toContain('href="/you-said-we-did?lang=en"');
    expect(body).not.toContain('Secret plan');
    expect(body).not.toContain('<script');
  });

  it('follows the browser’s language when none is chosen', async () => {
    expect((await page('/you-said-we-did', { 'accept-language': 'ar-SA,ar;q=0.9,en;q=0.5' })).body).toContain('dir="rtl"');
    expect((await page('/you-said-we-did?lang=en', { 'accept-language': 'ar' })).body).toContain('dir="ltr"');
    expect((await page('/you-said-we-did?lang=xx')).status).toBe(400);
  });
});

describe('the strategy pages', () => {
  it('lists every framework, each linking to its page', async () => {
    const { status, body } = await page('/strategy');
    expect(status).toBe(200);
    expect(body).toContain('href="/strategy/oxfordshire-countywide?lang=en"');
    expect(body).toContain('href="/strategy/city-of-london-2023-27?lang=en"');
    expect(body).toContain('Oxfordshire Countywide Homelessness and Rough Sleeping Strategy');
    expect(body).not.toContain('<script');
    expect((await page('/strategy?lang=ar')).body).toContain('href="/strategy/oxfordshire-countywide?lang=ar"');
  });

  it('shows each objective by section with its published actions, and how many people raised it, suppressed', async () => {
    await peopleRaising('1.1', 3);
    await peopleRaising('2.1', 6);
    await peopleRaising('3.1', 1);
    const q = quarterName(quarterOf(Date.now()));
    const { status, body } = await page(`/strategy/${COUNTYWIDE}`);
    expect(status).toBe(200);
    expect(body).not.toContain('<script');
    const objective = (code: string) => new RegExp(`id="objective-${code.replace('.', '\\.')}"[\\s\\S]*?(People who raised this[^<]*)<`).exec(body)?.[1];
    expect(objective('1.1')).toBe(`People who raised this in ${q}: fewer than 5`);
    expect(objective('3.1')).toBe(`People who raised this in ${q}: fewer than 5`);
    expect(objective('2.1')).toBe(`People who raised this in ${q}: 6`);
    expect(objective('1.2')).toBe(`People who raised this in ${q}: 0`);
    // The numbers 1 to 4 never appear as a count.
    expect(body).not.toMatch(/raised this in [^:]*: [1-4]</);
    expect(body).toMatch(/<h2 class="govuk-heading-m">Governance<\/h2>[\s\S]*?Objective 1\.1[\s\S]*?<h2 class="govuk-heading-m">Commissioning<\/h2>/);
    // Published actions under their objective; drafts nowhere.
    expect(body).toMatch(/id="objective-4\.3"[\s\S]*?Every person on the list now gets a letter[\s\S]*?Under way, with problems[\s\S]*?id="objective-4\.4"/);
    expect(body).toMatch(/id="objective-1\.1"[\s\S]*?No published actions yet\.[\s\S]*?id="objective-1\.2"/);
    expect(body).not.toContain('Draft work in progress.');

    const ar = (await page(`/strategy/${COUNTYWIDE}?lang=ar`)).body;
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain(`عدد الأشخاص الذين ذكروا هذا في \u2066${q}\u2069: أقل من 5`);
    expect(ar).toContain(`عدد الأشخاص الذين ذكروا هذا في \u2066${q}\u2069: 6`);
    expect(ar).toContain('يتلقى كل شخص في القائمة الآن رسالة كل شهر توضح مكانه.');
  });

  it('says plainly when there is no such framework', async () => {
    for (const path of ['/strategy/no-such-framework', '/strategy/no-such-framework?lang=ar']) {
      const { status, body } = await page(path);
      expect(status, path).toBe(404);
      expect(body).toMatch(/Page not found|الصفحة غير موجودة/);
    }
  });
});

describe('within the respondent page budget, with demo-like data', () => {
  beforeAll(async () => {
    // About a dozen published actions, as the demo has, most translated.
    const demo: ActionRow[] = [
      { objective: '1.1', theme: 'having-a-say', youSaid: { en: 'We never find out what happens after we give feedback.', ar: 'لا نعرف أبدًا ما يحدث بعد أن نقدم ملاحظاتنا.' }, weDid: { en: 'This page now shows every action taken because of feedback, and how it is going.', ar: 'تعرض هذه الصفحة الآن كل إجراء اتُّخذ بسبب الملاحظات، وكيف يسير.' }, organisation: 'oxfordshire-county-council', status: 'complete' },
      { objective: '2.1', youSaid: { en: 'Services do not seem to be checked on how they treat people.', ar: 'يبدو أن الخدمات لا تُراقب في طريقة معاملتها للناس.' }, weDid: { en: 'Quarterly reports now include what people who use services said, theme by theme.', ar: 'تتضمن التقارير الفصلية الآن ما قاله مستخدمو الخدمات، موضوعًا تلو الآخر.' }, organisation: 'oxfordshire-county-council', status: 'green' },
      { objective: '3.2', theme: 'opening-hours', youSaid: { en: 'The advice centre is shut when I can get there.', ar: 'مركز المشورة مغلق عندما أستطيع الوصول إليه.' }, weDid: { en: 'The advice centre now opens until 7pm on Wednesdays.', ar: 'يفتح مركز المشورة الآن حتى السابعة مساءً أيام الأربعاء.' }, organisation: 'oxford-city-council', status: 'complete' },
      { objective: '4.4', theme: 'move-on-housing', youSaid: { en: 'There is nowhere to move on to, so people stay in hostels for years.', ar: 'لا يوجد مكان للانتقال إليه، لذلك يبقى الناس في النُزُل لسنوات.' }, weDid: { en: 'Forty more move-on flats are being bought with partners; twelve are ready.', ar: 'يجري شراء أربعين شقة إضافية للانتقال مع الشركاء؛ اثنتا عشرة منها جاهزة.' }, organisation: 'a2dominion', status: 'amber' },
      { objective: '5.1', theme: 'respect-and-dignity', youSaid: { en: 'Some staff talk down to us.', ar: 'بعض الموظفين يتحدثون إلينا بتعالٍ.' }, weDid: { en: 'All hostel staff have had trauma-informed training, led with people with lived experience.', ar: 'تلقى جميع موظفي النُزُل تدريبًا واعيًا بالصدمات، بقيادة أشخاص لديهم تجربة معيشية.' }, organisation: 'homeless-oxfordshire', status: 'green' },
      { objective: '5.4', theme: 'discharge', youSaid: { en: 'I was let out of hospital with nowhere to go.', ar: 'خرجت من المستشفى دون مكان أذهب إليه.' }, weDid: { en: 'A new discharge protocol has been drafted with the hospitals; it is not yet agreed.', ar: 'صيغت مسودة بروتوكول خروج جديد مع المستشفيات؛ ولم يُتفق عليه بعد.' }, organisation: 'oxford-university-hospital', status: 'red' },
      { theme: 'wifi', youSaid: { en: 'There is no wifi, so I cannot bid for housing.', ar: 'لا يوجد واي فاي، لذلك لا أستطيع التقدم للسكن.' }, weDid: { en: 'Free wifi is now in every Alliance hostel common room.', ar: 'يتوفر الآن واي فاي مجاني في كل غرفة مشتركة في نُزُل التحالف.' }, organisation: 'connection-support', status: 'complete' },
      { theme: 'food', youSaid: { en: 'The food is the same every day.' }, weDid: { en: 'Residents now help plan the menu each month.' }, organisation: 'st-mungos', status: 'green' },
      { objective: '4.7', theme: 'work-and-training', youSaid: { en: 'I want to work but lose my place if I earn.', ar: 'أريد أن أعمل لكنني أفقد مكاني إذا كسبت مالًا.' }, weDid: { en: 'Rent rules in supported housing are being changed so work always pays.', ar: 'يجري تغيير قواعد الإيجار في السكن المدعوم بحيث يكون العمل مجديًا دائمًا.' }, organisation: 'aspire-oxfordshire', status: 'amber' },
      { objective: '5.2', theme: 'dual-diagnosis', youSaid: { en: 'Mental health and drug services send me to each other.', ar: 'خدمات الصحة النفسية وخدمات المخدرات ترسلني إلى بعضها البعض.' }, weDid: { en: 'A joint clinic for people using both services now runs weekly.', ar: 'تعمل الآن عيادة مشتركة أسبوعيًا للأشخاص الذين يستخدمون الخدمتين.' }, organisation: 'oxford-health-nhs-ft', status: 'green' },
    ];
    for (const a of demo) await anAction(a);
  });

  for (const path of ['/you-said-we-did', '/you-said-we-did?lang=ar', `/strategy/${COUNTYWIDE}`, `/strategy/${COUNTYWIDE}?lang=ar`, '/strategy']) {
    it(`keeps ${path} under 14 KB gzipped with its CSS, and needs no script`, async () => {
      const res = await anyone().get(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toMatch(/<script|\son[a-z]+=/i);
      const [h, css] = [await gzipped(html), await cssBytes()];
      console.log(`${path}: HTML ${h} B + CSS ${css} B = ${h + css} B gzipped (${html.length} B raw HTML)`);
      expect(h + css).toBeLessThanOrEqual(14_000);
    });
  }
});

describe('however many actions are published', () => {
  beforeAll(async () => {
    // Real, varied words (the demo's answers), so the sizes below are what prose compresses to.
    const said = (i: number) => ({ en: changeShort[i]!.text.slice(0, 200), ar: arabic[i]!.text.slice(0, 200) });
    const did = (i: number) => ({ en: `Round ${i}: ${worked[i]!.text.slice(0, 200)}`, ar: `الجولة ${i}: ${arabic[30 - i]!.text.slice(0, 200)}` });
    for (let i = 0; i < 25; i++) {
      await anAction({ objective: '3.3', youSaid: said(i), weDid: did(i), organisation: 'st-mungos', status: 'green', actedOn: Date.UTC(2026, 6, 1) + i * 86_400_000 });
    }
  });

  it('shows "you said, we did" 20 at a time, newest first, with links to older and newer pages', async () => {
    const first = (await page('/you-said-we-did')).body;
    expect(first).toContain('Round 24: ');
    expect(first).not.toContain('Round 4: ');
    expect(first).toMatch(/Page 1 of \d+ <a class="govuk-link" href="\/you-said-we-did\?page=2&amp;lang=en" rel="next">Older actions<\/a>/);
    const second = (await page('/you-said-we-did?page=2&lang=ar')).body;
    expect(second).toContain('href="/you-said-we-did?lang=ar" rel="prev"');
    expect(second).toContain('href="/you-said-we-did?page=2&amp;lang=en"');
    expect((await page('/you-said-we-did?page=99')).status).toBe(404);
    expect((await page('/you-said-we-did?page=0')).status).toBe(400);
  });

  it('lists the newest two per objective on its strategy page, linking to all of that objective’s actions', async () => {
    const strategy = (await page(`/strategy/${COUNTYWIDE}`)).body;
    const block = /id="objective-3\.3"[\s\S]*?id="objective-3\.4"/.exec(strategy)![0];
    expect(block.match(/<dl /g)).toHaveLength(2);
    expect(block).toContain('Round 24: ');
    expect(block).toContain('Round 23: ');
    expect(block).not.toContain('Round 22: ');
    expect(block).toContain('href="/you-said-we-did?objective=oxfordshire-countywide%3A3.3&amp;lang=en">All 25 actions for objective 3.3</a>');
    const all = (await page('/you-said-we-did?objective=oxfordshire-countywide%3A3.3&lang=en')).body;
    expect(all).toContain('Actions for objective 3.3');
    expect(all).toContain('Round 5: ');
    expect(all).not.toContain('Residents now sit on the hostel board.');
    expect(all).toContain('href="/you-said-we-did?objective=oxfordshire-countywide%3A3.3&amp;page=2&amp;lang=en" rel="next"');
    expect((await page('/you-said-we-did?objective=no-such%3Aobjective')).status).toBe(404);
  });

  for (const path of ['/you-said-we-did?lang=ar', `/strategy/${COUNTYWIDE}?lang=ar`]) {
    it(`keeps a full page, ${path}, within the budget too`, async () => {
      const html = await (await anyone().get(path)).text();
      const [h, css] = [await gzipped(html), await cssBytes()];
      console.log(`${path} (full): HTML ${h} B + CSS ${css} B = ${h + css} B gzipped`);
      expect(h + css).toBeLessThanOrEqual(14_000);
    });
  }
});

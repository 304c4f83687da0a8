// "You said, we did": what councils, health services and Alliance providers did about what people
// told them, in English and Arabic, each against an objective of the countywide strategy, a theme,
// or both. The words are fixed; the dates move with the demo's quarters (an action acts on the
// figures of one quarter, some weeks after it ends), and the evidence is picked from the approved
// quotes of the demo's responses that say the same thing, so it always points at real excerpts.
import { demoStaff } from '../demo-staff';
import { quarterOf } from '../../worker/reports/period';
import { lastFourQuarters, type AnswerRange, type DemoResponse } from './responses';

const DAY = 86_400_000;

export type ActionStatus = 'red' | 'amber' | 'green' | 'complete';

interface Localised {
  en: string;
  ar: string;
}

export interface DemoActionSpec {
  id: string;
  /** A countywide objective code, such as 4.1. */
  objective?: string;
  theme?: string;
  organisationId: string;
  status: ActionStatus;
  published: boolean;
  /** Which of the last four quarters (0 oldest) prompted it, and how many days after that quarter ended it was done or last moved on. */
  quarter: number;
  after: number;
  youSaid: Localised;
  weDid: Localised;
  /** Which approved quotes are evidence for it: tagged with one of these themes (or objectives), and, if given, in this language and matching these words. */
  evidence: { codes: string[]; locale?: 'en' | 'ar'; words?: RegExp };
}

export interface DemoAction {
  id: string;
  objectiveId: string | null;
  themeId: string | null;
  organisationId: string;
  status: ActionStatus;
  published: boolean;
  actedOn: number;
  /** '2026-Q2' (reports/period.ts): the quarter whose figures prompted it. */
  evidenceQuarter: string;
  youSaid: Localised;
  weDid: Localised;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
  /** Approved quotes, as ranges of the original answers (the loader maps them onto the redacted text). */
  evidence: (AnswerRange & { responseId: string })[];
}

const COMMISSIONER = demoStaff.find((s) => s.role === 'commissioner')!.id;
const LEAF_ADMIN = demoStaff.find((s) => s.role === 'org-admin' && s.organisationId === 'leaf')!.id;

export const actionSpecs: DemoActionSpec[] = [
  {
    id: 'demo-action-women-only-floor',
    objective: '4.6',
    theme: 'women-only-spaces',
    organisationId: 'homeless-oxfordshire',
    status: 'complete',
    published: true,
    quarter: 0,
    after: 45,
    youSaid: {
      en: 'Women told us they feel safer, sleep better and come out of their rooms more where there is a floor just for women, and that there are not enough of them.',
      ar: 'أخبرتنا النساء أنهن يشعرن بأمان أكبر وينمن بشكل أفضل ويخرجن من غرفهن أكثر عندما يكون هناك طابق للنساء فقط، وأن هذه الأماكن قليلة جدًا.',
    },
    weDid: {
      en: 'We have made the first floor of one of our hostels a women-only floor, with its own entrance, a kitchen that locks and women staff on every shift. Twelve women live there now, and we are planning a second one.',
      ar: 'خصّصنا الطابق الأول في أحد نُزُلنا للنساء فقط، وله مدخل خاص ومطبخ يُقفل، وتعمل فيه موظفات في كل مناوبة. تسكن فيه الآن اثنتا عشرة امرأة، ونخطط لطابق ثانٍ.',
    },
    evidence: { codes: ['women-only-spaces'] },
  },
  {
    id: 'demo-action-interpreters-and-letters',
    objective: '3.2',
    theme: 'being-listened-to',
    organisationId: 'oxford-city-council',
    status: 'green',
    published: true,
    quarter: 0,
    after: 30,
    youSaid: {
      en: 'Interpreters do not always turn up, and letters come in English only, so you sign papers you do not understand.',
      ar: 'قلتم إن المترجمين لا يحضرون دائمًا، وإن الرسائل تصل بالإنجليزية فقط، فتوقّعون على أوراق لا تفهمونها.',
    },
    weDid: {
      en: 'When we book a housing appointment, we now book the interpreter at the same time, on the phone if nobody can come in person. If you ask, we will explain any letter we send you in your own language, on the phone or face to face.',
      ar: 'عندما نحجز موعدًا للسكن، نحجز الآن المترجم في الوقت نفسه، وعبر الهاتف إذا لم يتمكن أحد من الحضور. وإذا طلبتم ذلك، نشرح لكم أي رسالة نرسلها إليكم بلغتكم، بالهاتف أو وجهًا لوجه.',
    },
    evidence: { codes: ['being-listened-to', 'online-systems', 'referral-delays'], locale: 'ar' },
  },
  {
    id: 'demo-action-hospital-discharge',
    objective: '5.4',
    organisationId: 'oxford-university-hospital',
    status: 'complete',
    published: true,
    quarter: 0,
    after: 70,
    youSaid: {
      en: 'People are sent out of hospital late at night with nowhere to go, sometimes still in a hospital gown.',
      ar: 'قلتم إن بعض الناس يُخرَجون من المستشفى في وقت متأخر من الليل دون أي مكان يذهبون إليه، وأحيانًا وهم ما زالوا يرتدون ثوب المستشفى.',
    },
    weDid: {
      en: 'There is now a housing worker on the hospital wards. Nobody who is homeless is discharged after 5pm unless somewhere to stay has been agreed first. The hospital, the councils and the Alliance have signed a discharge agreement that says so.',
      ar: 'أصبح هناك الآن موظف سكن في أقسام المستشفى. ولا يُخرَج أي شخص بلا مأوى بعد الخامسة مساءً إلا بعد الاتفاق على مكان يبيت فيه. ووقّع المستشفى والمجالس والتحالف اتفاقًا للخروج من المستشفى ينصّ على ذلك.',
    },
    evidence: { codes: ['discharge'] },
  },
  {
    id: 'demo-action-same-worker',
    objective: '5.6',
    theme: 'staff-changes',
    organisationId: 'connection-support',
    status: 'green',
    published: true,
    quarter: 1,
    after: 50,
    youSaid: {
      en: 'Your worker keeps changing, and every time you have to tell your whole story again to someone new.',
      ar: 'قلتم إن الموظف المسؤول عنكم يتغيّر باستمرار، وإنكم في كل مرة تضطرون إلى رواية قصتكم كاملة من جديد لشخص لا تعرفونه.',
    },
    weDid: {
      en: 'Everyone we support now keeps the same named worker for at least six months. If your worker leaves, they introduce you to the next one face to face, and your support plan goes with you, so you do not have to start again.',
      ar: 'أصبح لكل شخص ندعمه الآن الموظف نفسه لمدة ستة أشهر على الأقل. وإذا غادر الموظف، يعرّفكم بنفسه على الموظف الجديد وجهًا لوجه، وتنتقل خطة دعمكم معكم حتى لا تضطروا إلى البدء من الصفر.',
    },
    evidence: { codes: ['staff-changes', 'telling-my-story-again'] },
  },
  {
    id: 'demo-action-lived-experience-panels',
    objective: '5.5',
    organisationId: 'leaf',
    status: 'complete',
    published: true,
    quarter: 1,
    after: 20,
    youSaid: {
      en: 'You want a say in who works with you and how services are run, and you want to hear what happened to what you told us.',
      ar: 'قلتم إنكم تريدون أن يكون لكم رأي في اختيار من يعمل معكم وفي طريقة إدارة الخدمات، وأن تعرفوا ماذا حدث بما قلتموه لنا.',
    },
    weDid: {
      en: 'LEAF members with lived experience now sit on the interview panels for Alliance frontline staff. This page is how we tell you what changed because of your feedback, and we read it out at every Festival of Feedback.',
      ar: 'يشارك الآن أعضاء من منتدى LEAF ممن عاشوا تجربة التشرد في لجان المقابلات لتوظيف العاملين في خدمات التحالف. وهذه الصفحة هي طريقتنا لنخبركم بما تغيّر بفضل ملاحظاتكم، ونقرؤها على الحاضرين في كل مهرجان للملاحظات.',
    },
    evidence: { codes: ['having-a-say', 'nothing-changes'] },
  },
  {
    id: 'demo-action-dogs-welcome',
    objective: '2.2',
    theme: 'choice-and-control',
    organisationId: 'connection-support',
    status: 'complete',
    published: true,
    quarter: 2,
    after: 35,
    youSaid: {
      en: 'You would rather sleep out than give up your dog, and most hostels will not take pets.',
      ar: 'قلتم إنكم تفضّلون النوم في الشارع على التخلي عن كلابكم، وإن معظم النُّزُل لا تقبل الحيوانات الأليفة.',
    },
    weDid: {
      en: 'Two of our supported housing projects now take dogs, with ground-floor rooms set aside and a fund for vet bills and vaccinations. Outreach workers can tell you where there is space.',
      ar: 'أصبح مشروعان من مشاريع السكن المدعوم لدينا يقبلان الكلاب، مع غرف مخصّصة في الطابق الأرضي وصندوق لتغطية تكاليف الطبيب البيطري والتطعيمات. ويمكن لفريق التواصل في الشارع أن يخبركم أين توجد أماكن شاغرة.',
    },
    evidence: { codes: ['choice-and-control', 'emergency-beds', 'curfews-and-rules'], words: /\b(dogs?|pets?)\b/i },
  },
  {
    id: 'demo-action-housing-callbacks',
    objective: '4.1',
    theme: 'not-hearing-back',
    organisationId: 'oxford-city-council',
    status: 'green',
    published: true,
    quarter: 2,
    after: 60,
    youSaid: {
      en: 'You ring or email the housing team and nobody gets back to you, sometimes for weeks. Not knowing is the worst part.',
      ar: 'قلتم إنكم تتصلون بفريق السكن أو تراسلونه ولا يردّ عليكم أحد، أحيانًا لأسابيع، وإن عدم المعرفة هو أصعب ما في الأمر.',
    },
    weDid: {
      en: 'If you leave a message for the housing team, someone now rings you back within two working days, even when there is no news yet. Every new application gets a letter or a text saying what happens next and the name of your housing officer. We check every week how many callbacks were late.',
      ar: 'إذا تركتم رسالة لفريق السكن، يتصل بكم أحد الآن خلال يومَي عمل، حتى لو لم تكن هناك أخبار جديدة. ويصل مع كل طلب جديد خطاب أو رسالة نصية تشرح الخطوة التالية واسم موظف السكن المسؤول عنكم. ونراجع كل أسبوع عدد المكالمات التي تأخرت.',
    },
    evidence: { codes: ['not-hearing-back'] },
  },
  {
    id: 'demo-action-local-connection',
    objective: '4.1',
    theme: 'local-connection',
    organisationId: 'oxfordshire-county-council',
    status: 'amber',
    published: false,
    quarter: 2,
    after: 75,
    youSaid: {
      en: 'You get sent from the city council to the district council to the hostel and back again, and told you have no local connection.',
      ar: 'قلتم إنكم تُرسَلون من مجلس المدينة إلى مجلس المنطقة إلى النُّزُل ثم تعودون من حيث بدأتم، ويُقال لكم إنه لا صلة محلية لكم بالمنطقة.',
    },
    weDid: {
      en: 'The county council and the five district councils are agreeing one way of deciding local connection for people on their own, so nobody is sent back and forth. Whichever council you ask first will keep your case until it is settled.',
      ar: 'يعمل مجلس المقاطعة ومجالس المناطق الخمسة على الاتفاق على طريقة واحدة لتحديد الصلة المحلية للأشخاص الذين يبحثون عن سكن بمفردهم، حتى لا يُرسَل أحد ذهابًا وإيابًا. والمجلس الذي تتوجهون إليه أولًا سيحتفظ بملفكم حتى يُحسم أمره.',
    },
    evidence: { codes: ['local-connection'] },
  },
  {
    id: 'demo-action-phones-for-outreach',
    theme: 'phones-and-data',
    organisationId: 'st-mungos',
    status: 'green',
    published: true,
    quarter: 3,
    after: 20,
    youSaid: {
      en: 'Without a phone that works you miss appointments and messages, and then you get told you are not engaging.',
      ar: 'قلتم إنكم بدون هاتف يعمل تفوتكم المواعيد والرسائل، ثم يُقال عنكم إنكم لا تتعاونون.',
    },
    weDid: {
      en: "Our outreach workers now carry basic phones with three months of calls and data for anyone who needs one. We will not close anyone's case over missed calls without first trying to find them in person.",
      ar: 'يحمل فريق التواصل في الشارع الآن هواتف بسيطة فيها مكالمات وإنترنت لمدة ثلاثة أشهر، لكل من يحتاج إليها. ولن نغلق ملف أي شخص بسبب مكالمات فائتة قبل أن نحاول الوصول إليه شخصيًا.',
    },
    evidence: { codes: ['phones-and-data'] },
  },
  {
    id: 'demo-action-day-centre-weekends',
    objective: '3.2',
    theme: 'opening-hours',
    organisationId: 'oxford-city-council',
    status: 'amber',
    published: true,
    quarter: 3,
    after: 30,
    youSaid: {
      en: 'The day centre closes too early, and weekends are the longest days when you have nowhere to go.',
      ar: 'قلتم إن مركز النهار يغلق مبكرًا جدًا، وإن عطلة نهاية الأسبوع هي أطول الأيام عندما لا يكون لديكم مكان تذهبون إليه.',
    },
    weDid: {
      en: 'We have funded the day centre to open on Saturdays from 10am to 4pm, and until 7pm on Thursdays. Sunday opening has not started yet: we are still recruiting the staff and volunteers it needs.',
      ar: 'موّلنا مركز النهار ليفتح أيام السبت من العاشرة صباحًا حتى الرابعة عصرًا، وحتى السابعة مساءً أيام الخميس. أما الفتح يوم الأحد فلم يبدأ بعد، لأننا ما زلنا نبحث عن الموظفين والمتطوعين اللازمين.',
    },
    evidence: { codes: ['opening-hours'] },
  },
  {
    id: 'demo-action-hostel-repairs',
    objective: '4.5',
    theme: 'cleanliness-and-repairs',
    organisationId: 'a2dominion',
    status: 'amber',
    published: true,
    quarter: 3,
    after: 40,
    youSaid: {
      en: 'Repairs take too long. You are left with broken showers, mould and cold rooms, and the only way to report it is online.',
      ar: 'قلتم إن الإصلاحات تستغرق وقتًا طويلًا جدًا، فتبقى الحمّامات معطّلة والعفن على الجدران والغرف باردة، ولا يمكن الإبلاغ عن ذلك إلا عبر الإنترنت.',
    },
    weDid: {
      en: 'We now fix heating and hot water within 24 hours and other repairs within 10 working days. You can report a repair at the front desk or by phone as well as online. We are behind on mould in two buildings and have brought in a second contractor to catch up.',
      ar: 'أصبحنا نصلح التدفئة والماء الساخن خلال ٢٤ ساعة، وباقي الإصلاحات خلال ١٠ أيام عمل. ويمكنكم الآن الإبلاغ عن أي عطل في مكتب الاستقبال أو بالهاتف، وليس عبر الإنترنت فقط. ما زلنا متأخرين في معالجة العفن في مبنيين، وقد استعنّا بمقاول ثانٍ حتى نلحق بالعمل.',
    },
    evidence: { codes: ['cleanliness-and-repairs'] },
  },
  {
    id: 'demo-action-mental-health-drop-in',
    objective: '5.2',
    theme: 'mental-health-waits',
    organisationId: 'oxford-health-nhs-ft',
    status: 'red',
    published: true,
    quarter: 3,
    after: 45,
    youSaid: {
      en: 'You wait months for counselling or to see someone about your mental health, and things get worse while you wait.',
      ar: 'قلتم إنكم تنتظرون شهورًا للحصول على جلسات علاج نفسي أو لمقابلة مختص في الصحة النفسية، وإن حالكم تسوء أثناء الانتظار.',
    },
    weDid: {
      en: 'We have asked for funding for a mental health nurse to run a weekly drop-in at two hostels, with no referral needed. The funding has not been agreed yet, so this has not started. We will update this page when it does.',
      ar: 'طلبنا تمويلًا لممرض صحة نفسية يستقبل الناس مرة في الأسبوع في نُزُلين، دون الحاجة إلى تحويل. لم تتم الموافقة على التمويل بعد، لذلك لم يبدأ هذا حتى الآن. وسنحدّث هذه الصفحة عندما يبدأ.',
    },
    evidence: { codes: ['mental-health-waits', 'crisis-support'] },
  },
  {
    id: 'demo-action-dual-diagnosis',
    objective: '5.2',
    theme: 'dual-diagnosis',
    organisationId: 'oxford-health-nhs-ft',
    status: 'amber',
    published: false,
    quarter: 3,
    after: 55,
    youSaid: {
      en: 'You get sent between the mental health team and the drug and alcohol service, and neither will take you on because you need both.',
      ar: 'قلتم إنكم تُرسَلون ذهابًا وإيابًا بين فريق الصحة النفسية وخدمة علاج الإدمان على المخدرات والكحول، ولا تقبلكم أيٌّ منهما لأنكم تحتاجون إلى الاثنتين.',
    },
    weDid: {
      en: 'The mental health team and the drug and alcohol service are agreeing a joint way of working: whichever you go to first takes you on, and the other joins in. Nobody will be told to stop drinking or using before they can get help with their mental health.',
      ar: 'يتفق فريق الصحة النفسية وخدمة علاج الإدمان الآن على طريقة عمل مشتركة: الجهة التي تذهبون إليها أولًا تتولى أمركم، وتنضم إليها الجهة الأخرى. ولن يُطلب من أحد أن يتوقف عن الشرب أو التعاطي قبل أن يحصل على مساعدة لصحته النفسية.',
    },
    evidence: { codes: ['dual-diagnosis', 'drugs-and-alcohol-support'] },
  },
];

/** At most this many quotes are shown as an action's evidence. */
export const MAX_EVIDENCE = 3;

const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;

/** An approved quote, with the codes of the excerpt it is. */
function approvedQuotes(responses: readonly DemoResponse[]) {
  return responses.flatMap((r) =>
    r.consentToQuote && r.moderation.status === 'done'
      ? r.moderation.approvedQuotes.map((q) => {
          const tag = r.moderation.tags.find((t) => t.questionId === q.questionId && t.start === q.start && t.end === q.end);
          const text = (r.answers[q.questionId] as string).slice(q.start, q.end);
          return { r, q, text, codes: new Set([...(tag?.objectives ?? []), ...(tag?.themes ?? [])]) };
        })
      : [],
  );
}

/**
 * The actions for a set of demo responses seeded at `now`. Evidence is the approved quotes that say
 * what the action answers, from the quarter that prompted it first and then from earlier ones, never
 * from after it was done: at most three, and none when no quote fits.
 */
export function demoActions(responses: readonly DemoResponse[], now: number): DemoAction[] {
  const quarters = lastFourQuarters(now);
  const quotes = approvedQuotes(responses);
  return actionSpecs.map((spec) => {
    const q = quarters[spec.quarter]!;
    const actedOn = Math.min(dayOf(q.end + spec.after * DAY), dayOf(now) - DAY);
    const fits = quotes.filter(
      ({ r, text, codes }) =>
        spec.evidence.codes.some((c) => codes.has(c)) &&
        (spec.evidence.locale === undefined || r.locale === spec.evidence.locale) &&
        (spec.evidence.words === undefined || spec.evidence.words.test(text)) &&
        // Moderated (and so approved) before the action: a response is done within a fortnight.
        r.submittedAt < actedOn - 14 * DAY &&
        r.submittedAt < q.end,
    );
    const inQuarter = fits.filter(({ r }) => r.submittedAt >= q.start);
    const earlier = fits.filter(({ r }) => r.submittedAt < q.start).reverse();
    const evidence = [...inQuarter, ...earlier].slice(0, MAX_EVIDENCE).map(({ r, q: range }) => ({ responseId: r.id, ...range }));
    const by = spec.organisationId === 'leaf' ? LEAF_ADMIN : COMMISSIONER;
    return {
      id: spec.id,
      objectiveId: spec.objective ? `oxfordshire-countywide:${spec.objective}` : null,
      themeId: spec.theme ?? null,
      organisationId: spec.organisationId,
      status: spec.status,
      published: spec.published,
      actedOn,
      evidenceQuarter: quarterOf(q.start + DAY).key,
      youSaid: spec.youSaid,
      weDid: spec.weDid,
      createdBy: by,
      createdAt: actedOn - 21 * DAY + 10 * 3_600_000,
      updatedBy: by,
      updatedAt: Math.min(actedOn + 15 * 3_600_000, now - 3_600_000),
      evidence,
    };
  });
}

// Answers written in Arabic, by people who chose the Arabic version of a form.
import { ar, type PoolEntry } from './pool';

const SH = 'supported-housing' as const;
const DC = 'day-centre' as const;
const CH = 'council-housing-advice' as const;
const HE = 'health' as const;
const OT = 'other' as const;

export const arabic: PoolEntry[] = [
  // Where people are staying
  ar('stay', `الغرفة نظيفة والموظفون محترمون، لكنها صغيرة جدًا لي ولابني. ننام على سرير واحد منذ أربعة أشهر.`, '4.1 4.4 privacy-and-space waiting-for-housing', { w: 'temporary', m: 3 }),
  ar('stay', `بعد أن حصلت على الإقامة أعطوني ٢٨ يومًا فقط لأخرج من سكن وزارة الداخلية. لم يكن عندي أي مكان. الآن أنا في فندق مؤقت بعيد عن المدينة ولا أعرف أحدًا هنا.`, '3.2 4.1 2.1 discharge waiting-for-housing', { w: 'temporary', m: 2, x: [[`بعد أن حصلت على الإقامة أعطوني ٢٨ يومًا فقط لأخرج من سكن وزارة الداخلية. لم يكن عندي أي مكان.`, '3.2 2.1 discharge'], [`الآن أنا في فندق مؤقت بعيد عن المدينة ولا أعرف أحدًا هنا.`, '4.1 choice-and-control']] }),
  ar('stay', `المكان جيد والحمد لله. أشعر بالأمان.`, '4.5 safety-in-accommodation', { w: ['hostel', 'temporary'], m: 5 }),
  ar('stay', `أسكن في بيت مشترك مع رجال لا أعرفهم. أحدهم يدخل المطبخ وهو سكران ويصرخ عليّ ويقول كلامًا عنصريًا. أغلق باب غرفتي بالكرسي كل ليلة. أخبرت الموظف فقال إنه لا يستطيع فعل شيء إلا إذا ضربني.`, '4.5 1.2 feeling-unsafe being-listened-to', { w: ['hostel', 'temporary'], m: 1, sg: ['unsafe'] }),
  ar('stay', `لا يوجد مطبخ نستطيع أن نطبخ فيه، والأكل المقدَّم ليس حلالًا دائمًا. أشتري الخبز والجبن فقط.`, '4.5 food choice-and-control', { w: ['hostel', 'temporary'], m: 2 }),
  ar('stay', `أنام عند صديق من بلدي على الكنبة. هو طيب لكن عائلته ستأتي الشهر القادم ولا أعرف أين سأذهب بعدها.`, '3.2 4.1 privacy-and-space', { w: 'friends', m: 2 }),

  // Support and being listened to
  ar('support', `الموظفة في مركز النهار ساعدتني في ملء استمارة الائتمان الشامل (Universal Credit) لأن كل شيء كان بالإنجليزية. لولاها لما عرفت ماذا أفعل.`, '3.2 staff-who-helped universal-credit online-systems', { m: 5 }),
  ar('support', `في كل موعد يأتي مترجم مختلف، وأحيانًا لا يأتي أحد ويقولون لي أن أعود بعد أسبوعين. انتظرت ثلاثة أشهر فقط لأشرح وضعي.`, '3.2 5.6 referral-delays being-listened-to', { m: 1 }),
  ar('support', `ما زالت صور الحرب في رأسي ولا أنام. طلب الطبيب تحويلي إلى معالج نفسي قبل ستة أشهر ولم يتصل بي أحد حتى الآن.`, '5.2 5.1 mental-health-waits trauma-informed-care', { m: 1 }),
  ar('support', `ساعدني العامل في فتح حساب بنكي وتسجيل أولادي في المدرسة. شكرًا لهم من القلب.`, '5.6 3.2 staff-who-helped', { m: 5 }),
  ar('support', `قالوا لي إنه ليس لي حق في المساعدة العامة (no recourse to public funds) ولم يخبرني أحد ماذا أفعل بعد ذلك. أغلقوا الباب فقط.`, '2.3 3.2 no-recourse-to-public-funds being-listened-to', { m: 1 }),
  ar('listened', `أن يتكلموا معي مباشرة وليس مع المترجم فقط، وأن ينظروا إليّ.`, '5.1 respect-and-dignity being-listened-to' ),
  ar('listened', `أن يرسلوا الرسائل بالعربية أو أن يشرحوها لي. أوقّع على أوراق لا أفهمها.`, '3.2 5.6 being-listened-to online-systems' ),

  // The one thing that should change (festival: any length; service: at most 200 characters)
  ar('change', `مترجمين في كل المواعيد.`, '3.2 being-listened-to', { r: true }),
  ar('change', `أن نحصل على بيت ولو صغير، حتى يعيش أولادي حياة طبيعية ويذهبوا إلى مدرسة واحدة.`, '4.4 4.1 move-on-housing', { }),
  ar('change', `أن يردّوا على الهاتف.`, '5.6 not-hearing-back', { r: true }),
  ar('change', `الانتظار طويل جدًا. أريد فقط أن أعرف كم سأنتظر.`, '4.1 waiting-for-housing', { }),
  ar('change', `دعم أكثر لمن ليس لهم حق في المساعدة العامة. نحن موجودون أيضًا.`, '2.3 no-recourse-to-public-funds', { s: [CH, DC, OT] }),
  ar('change', `أتمنى أن تكون الاستمارات على الإنترنت بالعربية أيضًا.`, '3.2 online-systems', { s: [CH, OT] }),
  ar('change', `سكن للنساء فقط. لا أستطيع أن أعيش مع رجال غرباء بعد ما مررت به.`, '4.6 women-only-spaces', { s: [SH, CH] }),
  ar('change', `أن يعاملونا كبشر وليس كملفات.`, '5.1 respect-and-dignity', { r: true }),
  ar('change', `أريد أن أعمل. أنا مهندس كهرباء ولكن لا أحد يساعدني في معادلة شهادتي، والإيجار في السكن المدعوم أعلى من أي راتب أستطيع أن أحصل عليه الآن.`, '4.7 work-and-training rent-and-service-charges', { x: [[`أريد أن أعمل. أنا مهندس كهرباء ولكن لا أحد يساعدني في معادلة شهادتي`, '4.7 work-and-training'], [`والإيجار في السكن المدعوم أعلى من أي راتب أستطيع أن أحصل عليه الآن.`, '4.7 rent-and-service-charges']] }),
  ar('change', `طبيب أسنان. ابنتي تتألم منذ شهرين.`, '3.2 gp-and-dentist', { s: [HE, OT] }),
  ar('change', `أن يتصل بي أحد. اسمي أحمد، ورقمي 07700 900872، أنتظر منذ شهر ردًّا على طلب السكن.`, '4.1 not-hearing-back waiting-for-housing', { s: [CH, OT], p: [[`أحمد`, 'name'], [`07700 900872`, 'phone']] }),
  ar('change', `أن يكون هناك شخص واحد يتابع ملفي من البداية إلى النهاية.`, '5.6 5.3 staff-changes telling-my-story-again', { }),

  // Service form
  ar('worked', `الطبيبة كانت لطيفة جدًا وطلبت مترجمًا عبر الهاتف بدون أن أطلب.`, '3.2 5.1 gp-and-dentist respect-and-dignity', { s: HE, m: 5 }),
  ar('worked', `أعطوني وجبة ساخنة وملابس شتوية لأولادي.`, '3.2 food', { s: DC, m: 5 }),
  ar('worked', `شرحوا لي خطوات طلب السكن ببطء وكتبوها لي على ورقة.`, '4.1 5.6 staff-who-helped', { s: CH, m: 4 }),
  ar('notworked', `قالوا إن طلبي ضاع وعليّ أن أبدأ من جديد. هذه المرة الثانية.`, '4.1 2.1 referral-delays', { s: [CH, OT], m: 1 }),
  ar('notworked', `الموظف في الاستقبال تكلم معي بصوت عالٍ وكأنني لا أفهم شيئًا. أنا أفهم، لكن لغتي الإنجليزية ليست قوية.`, '5.1 respect-and-dignity', { s: [CH, HE, DC], m: 2 }),
  ar('notworked', `الموعد كان في الصباح الباكر في مدينة أخرى ولم يكن لدي مال للحافلة.`, '3.2 getting-there flexibility', { s: [CH, HE], m: 2 }),
];

// The "staying safe online" page, in each language. Honest about what "Exit this page" can and cannot do.
import type { Locale } from '../forms/definition';

export interface SafetySection {
  heading: string;
  paragraphs: string[];
}

export const safetyContent: Record<Locale, SafetySection[]> = {
  en: [
    {
      heading: 'What "Exit this page" does',
      paragraphs: [
        'It takes you straight to the BBC weather website. It deletes any answers you have not sent yet from our system and from this browser tab, and it removes our cookie.',
        'On a computer or tablet you can also press the Shift key 3 times to leave quickly.',
        'Pressing Back after leaving will not show your answers.',
      ],
    },
    {
      heading: 'What it does not do',
      paragraphs: [
        'It does not delete your browser history. Someone who looks at the history on this device could see that this website was visited.',
        'It cannot stop someone watching your screen, or software on the device that records what you do.',
      ],
    },
    {
      heading: 'How to stay safer',
      paragraphs: [
        'Use a private or incognito window if you can. The browser then forgets the pages you visited when you close it.',
        'If you cannot use a private window, delete this website from your browser history afterwards. Only delete the pages you need to, as a history that has been wiped completely can itself look suspicious.',
        'Use a device you trust, such as one at a library, hostel or support service, if you are worried about your own.',
        'You do not need to give your name or any details about yourself to give feedback.',
      ],
    },
    {
      heading: 'If you are in danger',
      paragraphs: [
        'If you are in immediate danger, call 999. If you cannot speak, call 999 and then press 55 when asked.',
        'National Domestic Abuse Helpline: 0808 2000 247, free, 24 hours a day.',
        'Shelter emergency housing advice: 0808 800 4444.',
      ],
    },
  ],
  ar: [
    {
      heading: 'ماذا يفعل زر "اخرج من هذه الصفحة"',
      paragraphs: [
        'ينقلك مباشرة إلى موقع الطقس في بي بي سي. يحذف أي إجابات لم ترسلها بعد من نظامنا ومن علامة التبويب هذه، ويزيل ملف تعريف الارتباط الخاص بنا.',
        'على الكمبيوتر أو الجهاز اللوحي يمكنك أيضًا الضغط على مفتاح Shift ثلاث مرات للمغادرة بسرعة.',
        'الضغط على زر الرجوع بعد المغادرة لن يُظهر إجاباتك.',
      ],
    },
    {
      heading: 'ما لا يفعله',
      paragraphs: [
        'لا يحذف سجل التصفح. قد يرى من ينظر إلى السجل على هذا الجهاز أن هذا الموقع قد تمت زيارته.',
        'لا يمكنه منع شخص من مراقبة شاشتك، أو برامج على الجهاز تسجل ما تفعله.',
      ],
    },
    {
      heading: 'كيف تبقى أكثر أمانًا',
      paragraphs: [
        'استخدم نافذة خاصة أو نافذة التصفح المتخفي إن أمكن. ينسى المتصفح عندها الصفحات التي زرتها عند إغلاقها.',
        'إذا لم تتمكن من استخدام نافذة خاصة، فاحذف هذا الموقع من سجل المتصفح بعد ذلك. احذف الصفحات التي تحتاج إليها فقط، لأن السجل الممسوح بالكامل قد يثير الشك.',
        'استخدم جهازًا تثق به، مثل جهاز في مكتبة أو نزل أو خدمة دعم، إذا كنت قلقًا بشأن جهازك.',
        'لا تحتاج إلى ذكر اسمك أو أي تفاصيل عنك لتقديم ملاحظاتك.',
      ],
    },
    {
      heading: 'إذا كنت في خطر',
      paragraphs: [
        'إذا كنت في خطر مباشر، اتصل بالرقم 999. إذا لم تستطع التحدث، اتصل بالرقم 999 ثم اضغط 55 عندما يُطلب منك.',
        'الخط الوطني للمساعدة في حالات العنف المنزلي: 0808 2000 247، مجاني، على مدار 24 ساعة.',
        'نصائح السكن الطارئة من Shelter: ‏0808 800 4444.',
      ],
    },
  ],
};

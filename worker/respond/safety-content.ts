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
  pl: [
    {
      heading: 'Co robi przycisk „Wyjdź z tej strony”',
      paragraphs: [
        'Od razu przenosi Cię na stronę pogody BBC. Usuwa z naszego systemu i z tej karty przeglądarki wszystkie odpowiedzi, które nie zostały jeszcze wysłane, i usuwa nasze ciasteczko (plik cookie).',
        'Na komputerze albo tablecie możesz też szybko wyjść, naciskając 3 razy klawisz Shift.',
        'Jeśli po wyjściu naciśniesz „Wstecz”, Twoje odpowiedzi się nie pokażą.',
      ],
    },
    {
      heading: 'Czego nie robi',
      paragraphs: [
        'Nie usuwa historii przeglądarki. Ktoś, kto zajrzy do historii na tym urządzeniu, może zobaczyć, że ta strona była otwierana.',
        'Nie powstrzyma kogoś, kto patrzy na Twój ekran, ani programu na urządzeniu, który zapisuje, co robisz.',
      ],
    },
    {
      heading: 'Jak zadbać o większe bezpieczeństwo',
      paragraphs: [
        'Jeśli możesz, użyj okna prywatnego (incognito). Po jego zamknięciu przeglądarka zapomni strony, które były otwarte.',
        'Jeśli nie możesz użyć okna prywatnego, usuń potem tę stronę z historii przeglądarki. Usuń tylko to, co trzeba, bo całkiem wyczyszczona historia sama może wzbudzić podejrzenia.',
        'Jeśli martwisz się o swoje urządzenie, użyj takiego, któremu ufasz, na przykład w bibliotece, hostelu albo punkcie wsparcia.',
        'Żeby przekazać opinię, nie musisz podawać imienia, nazwiska ani żadnych informacji o sobie.',
      ],
    },
    {
      heading: 'Jeśli grozi Ci niebezpieczeństwo',
      paragraphs: [
        'Jeśli grozi Ci bezpośrednie niebezpieczeństwo, zadzwoń pod 999. Jeśli nie możesz mówić, zadzwoń pod 999, a potem, gdy usłyszysz prośbę, naciśnij 55.',
        'Krajowa infolinia ws. przemocy domowej (National Domestic Abuse Helpline): 0808 2000 247, bezpłatnie, całą dobę.',
        'Porady w nagłych sprawach mieszkaniowych od Shelter: 0808 800 4444.',
      ],
    },
  ],
  ro: [
    {
      heading: 'Ce face butonul „Ieșiți de pe această pagină”',
      paragraphs: [
        'Vă duce imediat pe site-ul de vreme al BBC. Șterge din sistemul nostru și din această filă a browserului răspunsurile pe care nu le-ați trimis încă și ne șterge cookie-ul.',
        'Pe un calculator sau o tabletă puteți ieși repede și apăsând de 3 ori tasta Shift.',
        'Dacă apăsați „Înapoi” după ce ați ieșit, răspunsurile nu vor apărea.',
      ],
    },
    {
      heading: 'Ce nu face',
      paragraphs: [
        'Nu șterge istoricul browserului. Cine se uită în istoricul acestui dispozitiv poate vedea că site-ul a fost vizitat.',
        'Nu poate opri pe cineva care se uită la ecranul dumneavoastră și nici un program de pe dispozitiv care înregistrează ce faceți.',
      ],
    },
    {
      heading: 'Cum să fiți mai în siguranță',
      paragraphs: [
        'Dacă puteți, folosiți o fereastră privată (incognito). Când o închideți, browserul uită paginile pe care le-ați deschis.',
        'Dacă nu puteți folosi o fereastră privată, ștergeți apoi acest site din istoricul browserului. Ștergeți doar ce trebuie, pentru că un istoric golit complet poate părea și el suspect.',
        'Dacă vă faceți griji pentru propriul dispozitiv, folosiți unul în care aveți încredere, de exemplu la o bibliotecă, un adăpost sau un serviciu de sprijin.',
        'Ca să ne spuneți părerea, nu trebuie să vă dați numele sau alte detalii despre dumneavoastră.',
      ],
    },
    {
      heading: 'Dacă sunteți în pericol',
      paragraphs: [
        'Dacă sunteți în pericol chiar acum, sunați la 999. Dacă nu puteți vorbi, sunați la 999, iar când vi se cere, apăsați 55.',
        'Linia națională de ajutor pentru violență domestică (National Domestic Abuse Helpline): 0808 2000 247, gratuit, 24 de ore din 24.',
        'Sfaturi de urgență despre locuință de la Shelter: 0808 800 4444.',
      ],
    },
  ],
};

// Answers written for the latest whole quarter: LEAF's feedback day, the online responses around it,
// and the first few people at the Festival of Feedback that is open now. Written after the main pool
// and kept apart from it, so the main corpus (and every figure measured on it) stays as it was.
// Like the main pool, each entry carries its objectives and themes, personal details and concerns.
import { ar, en, type PoolEntry } from './pool';

const H = 'hostel' as const;
const T = 'temporary' as const;
const OWN = 'own-home' as const;
const F = 'friends' as const;
const SH = 'supported-housing' as const;
const OUT = 'outreach' as const;
const DC = 'day-centre' as const;
const CH = 'council-housing-advice' as const;
const HE = 'health' as const;
const OT = 'other' as const;

export const recentPool: PoolEntry[] = [
  // Where people are staying (festival form)
  en('stay', `The new mattresses came and I slept through for the first time in months. Still no lock on the shower room though.`, '', { w: H, m: 3, x: [[`The new mattresses came and I slept through for the first time in months.`, '4.5 cleanliness-and-repairs'], [`Still no lock on the shower room though.`, '4.5 privacy-and-space']] }),
  en('stay', `Repairs take forever. My window has been taped up since I moved in, and the only way to report it is a form online.`, '4.5 3.2 cleanliness-and-repairs online-systems', { w: [H, T], m: 2 }),
  en('stay', `I've been in this hostel two years. My worker says I'm ready to move on, I say I'm ready, but there's nothing to move on to.`, '4.3 4.4 stuck-in-hostel move-on-housing', { w: H, m: 2 }),
  en('stay', `Staff here knock and wait before they come in, and they ask before they move your things. It feels like my room, not theirs.`, '4.5 5.1 respect-and-dignity privacy-and-space', { w: H, m: 5 }),
  en('stay', `People are using in the toilets and I'm trying to stay clean. I asked to move to a quieter project and they said there's a waiting list for that too.`, '4.5 5.2 recovery-environment waiting-and-delays', { w: H, m: 2 }),
  en('stay', `Bed and breakfast with two kids. One room, no kitchen, and the school is an hour away on two buses.`, '4.4 4.1 privacy-and-space getting-there', { w: T, m: 1 }),
  en('stay', `The temporary flat is fine, but nobody will tell me how long I'll be here. I can't plan anything, not even a job.`, '4.1 4.3 waiting-for-housing not-hearing-back', { w: T, m: 3 }),
  en('stay', `Damp in every room. Someone from the council came to look at it twice and nothing has been done.`, '4.4 cleanliness-and-repairs broken-promises', { w: T, m: 1 }),
  en('stay', `I've got my own flat now after three years in hostels. The tenancy support worker still comes every fortnight, and that's why I've kept it.`, '4.3 5.6 tenancy-support staff-who-helped', { w: OWN, m: 5 }),
  en('stay', `My flat is alright but it's empty. I moved in with a mattress and a kettle. A bit of help with furniture would have made it feel like a home.`, '4.3 tenancy-support', { w: OWN, m: 3 }),
  en('stay', `Sofa surfing at my cousin's. I'm not on anyone's list because I'm not on the street, so nobody counts me.`, '3.2 4.1 being-listened-to', { w: F, m: 2 }),
  en('stay', `Staying with a mate, but his landlord doesn't know I'm there. If he finds out we're both out.`, '3.2 private-renting', { w: F, m: 2 }),
  en('stay', `The curfew is 11 and I work late shifts in a kitchen. I got a warning for coming back at midnight from work.`, '4.7 4.5 curfews-and-rules work-and-training', { w: H, m: 2 }),
  en('stay', `Since the women's floor opened I actually sleep. I used to keep a chair against the door.`, '4.6 4.5 women-only-spaces safety-in-accommodation', { w: [H, T], m: 4 }),
  en('stay', `I'm at Canal Court and the shower on my floor has been broken for three weeks. We queue for the one downstairs.`, '4.5 cleanliness-and-repairs', { w: H, m: 2, p: [[`Canal Court`, 'place']] }),
  en('stay', `A man who was evicted from here keeps coming back at night and threatening people at the door. Last week he said he would stab whoever let him in next. Staff just told us to keep the doors shut.`, '4.5 1.2 violence-and-abuse feeling-unsafe', { w: H, m: 1, sg: ['violence', 'unsafe'] }),
  en('stay', `Clean, warm and quiet. The best place I've stayed.`, '4.5 safety-in-accommodation', { w: [H, T], m: 5 }),
  en('stay', `Kitchen's open till ten now, so I can cook when I get in from college.`, '4.5 4.7 food work-and-training', { w: H, m: 4 }),

  // Sleeping rough
  en('rough', `A sleeping bag and a hot drink are nice, but what I need is someone to sort my ID so I can get a bed.`, '3.2 id-and-documents emergency-beds', { m: 2 }),
  en('rough', `Outreach come round every morning now, which is good. But the shelter is full by nine, so there's no point walking there.`, '3.2 emergency-beds staff-who-helped', { m: 2 }),
  en('rough', `Outreach found me a bed that night, but it was gone again after three nights and I was back out.`, '3.2 4.1 emergency-beds', { m: 2 }),

  // Support
  en('support', `My keyworker helps me make a plan and then actually checks in on it. First time I've felt like someone's on my side.`, '5.6 staff-who-helped', { m: 5 }),
  en('support', `Third keyworker this year. Every time I start from the beginning and tell them everything again.`, '5.6 5.1 staff-changes telling-my-story-again', { m: 1 }),
  en('support', `They helped me get back on my meds and registered me with a GP. I'd been putting it off for a year.`, '3.2 5.2 gp-and-dentist staff-who-helped', { m: 5 }),
  en('support', `I asked for help with my drinking and was told to come back when I'd stopped drinking. That's the wrong way round.`, '5.2 drugs-and-alcohol-support dual-diagnosis', { m: 1 }),
  en('support', `The mental health team and the drug service keep sending me to each other. Nobody will take me on because I've got both.`, '5.2 5.3 dual-diagnosis not-joined-up', { m: 1 }),
  en('support', `Support is good when you can get it, but they're so stretched. My worker has forty people.`, '5.6 staff-stretched', { m: 3 }),
  en('support', `The Tuesday cooking group got me out of my room. I know people now.`, '5.6 wellbeing-and-activities', { m: 5 }),
  en('support', `They sorted my Universal Credit and got me a budgeting loan so I could clear the arrears. I can breathe again.`, '3.2 5.6 universal-credit debt', { m: 5 }),
  en('support', `Eight months on the waiting list for counselling. In that time I lost my place twice.`, '5.1 5.2 mental-health-waits', { m: 1 }),
  en('support', `You can tell the staff have had the trauma training. They don't shout any more, they ask what's wrong.`, '5.1 trauma-informed-care', { m: 4 }),
  en('support', `My support worker helped me apply for a job at the garden centre. I start next week.`, '4.7 5.6 work-and-training staff-who-helped', { m: 5 }),
  en('support', `Everything is on an app now. My phone only works half the time, so I miss messages and get written down as not engaging.`, '3.2 5.6 phones-and-data online-systems', { m: 2 }),
  en('support', `The best thing has been the peer mentor. She's been where I am and she doesn't judge.`, '5.5 5.6 staff-who-helped', { m: 5 }),
  en('support', `I was told I'd get help with my debts and I'm still waiting for the appointment.`, '5.6 debt broken-promises', { m: 2 }),
  en('support', `They listened when I said I couldn't share a room. I had a single within a fortnight.`, '2.2 4.5 choice-and-control being-listened-to', { m: 4 }),
  en('support', `Support stops at five o'clock. Everything goes wrong after five.`, '3.2 5.2 crisis-support opening-hours', { m: 2 }),
  en('support', `Priya at the council has been brilliant. She answers her emails and she tells you straight.`, '4.1 5.6 staff-who-helped', { m: 5, p: [[`Priya`, 'staff']] }),

  // Being listened to (for people who did not feel listened to)
  en('listened', `Ask us before you change things, not after. They moved breakfast to eight and nobody asked the people who come.`, '5.5 having-a-say', { m: 2 }),
  en('listened', `Read what we write on these forms and tell us what you did with it.`, '5.5 nothing-changes having-a-say', { m: 2 }),
  en('listened', `Look at me when you talk, not at the screen.`, '5.1 respect-and-dignity being-listened-to', { m: 2 }),
  en('listened', `When I say I can't do mornings, believe me. It's the medication.`, '5.6 5.2 flexibility being-listened-to', { m: 2 }),
  en('listened', `Don't write "refused support" on my file because I said no to one thing.`, '5.1 5.6 mistrust being-listened-to', { m: 2 }),
  en('listened', `Tell us what happened with what we said at the last festival. Did anything change?`, '5.5 nothing-changes', { m: 2 }),
  en('listened', `Talk to me in meetings, not about me.`, '5.5 5.1 having-a-say respect-and-dignity', { m: 2 }),
  en('listened', `Let me finish a sentence.`, '5.1 being-listened-to', { m: 2 }),

  // The one thing that should change (long ones go to the festival form only)
  en('change', `Build more one bedroom flats that people on benefits can actually afford. Everything else is just managing the queue.`, '4.4 move-on-housing', { m: 3 }),
  en('change', `Ring people back. If you say Thursday, ring on Thursday, and if you can't, send a text. Hearing nothing is the worst part of the whole thing.`, '4.1 5.6 not-hearing-back broken-promises', { m: 2 }),
  en('change', `Put a housing officer in the day centre once a week so we don't all have to go into town and queue. Half of us can't afford the bus.`, '4.1 3.2 getting-there', { m: 3 }),
  en('change', `Keep the same worker with you from the street to your own flat. Every handover is where people fall through.`, '5.6 5.3 staff-changes not-joined-up', { m: 3 }),
  en('change', `Mental health support you don't need a diagnosis or a referral for. Somewhere you can walk in and talk to someone when it's bad.`, '5.2 5.1 crisis-support mental-health-waits', { m: 3 }),
  en('change', `More women only spaces, and not just beds. A room in the day centre where women can sit without being stared at.`, '4.6 women-only-spaces', { m: 3 }),
  en('change', `Let people keep their pets. I slept out for a year rather than give up my dog.`, '2.2 3.2 choice-and-control emergency-beds', { m: 3 }),
  en('change', `Stop moving people out of Oxford to get a room. Everything I have is here: my GP, my kids' school, my worker.`, '4.1 4.4 local-connection choice-and-control', { m: 2 }),
  en('change', `Fix the heating and the showers before anything else. You can't sort your life out when you're cold and dirty.`, '4.5 cleanliness-and-repairs', { m: 2 }),
  en('change', `Tell us where we are on the housing list. A number, a band, anything. Not knowing makes you give up.`, '4.1 waiting-for-housing online-systems', { m: 2 }),
  en('change', `Have people who've been homeless on the staff. They get it without you having to explain.`, '5.5 5.1 having-a-say trauma-informed-care', { m: 4 }),
  en('change', `When you leave hospital there should be somewhere to go. I was discharged at nine at night with a carrier bag.`, '5.4 discharge', { m: 1 }),
  en('change', `Help with the deposit and the first month's rent. I can pay rent from my wages, I just can't find two thousand pounds up front.`, '4.4 4.7 private-renting rent-and-service-charges', { m: 3 }),
  en('change', `Longer opening hours at the day centre, weekends most of all. Saturday and Sunday are the longest days when you're out.`, '3.2 opening-hours', { m: 2 }),
  en('change', `Honestly, not much. The people at the hostel have been good to me this year.`, '5.6 staff-who-helped', { m: 5 }),
  en('change', `More drug and alcohol workers in the hostels, not just a leaflet on the board. People wait weeks for a detox bed.`, '5.2 4.5 drugs-and-alcohol-support', { m: 2 }),
  en('change', `Give people a phone and some data when they first come in. Everything needs a phone: the council, the doctor, the job centre.`, '3.2 phones-and-data', { m: 3 }),
  en('change', `Ask people what they're good at, not only what's wrong with them. I was a chef for ten years.`, '5.6 4.7 work-and-training choice-and-control', { m: 3 }),
  en('change', `Less paperwork. I filled in the same form for three different services in one week.`, '5.3 3.2 telling-my-story-again', { m: 2 }),
  en('change', `Answer the phone before 10am.`, '3.2 not-hearing-back', { s: [CH, HE], m: 2 }),
  en('change', `A named person I can ring, not a general inbox.`, '5.6 4.1 not-hearing-back', { s: [CH, SH], m: 2 }),
  en('change', `Afternoon appointments for people on a script.`, '5.2 3.2 flexibility', { s: [HE], m: 3 }),
  en('change', `Open on Sundays.`, '3.2 opening-hours', { s: [DC], m: 3 }),
  en('change', `Fix the lift. I'm on crutches on the third floor.`, '4.5 cleanliness-and-repairs', { s: [SH], m: 2 }),
  en('change', `Tell me in writing what happens next.`, '4.1 5.6 not-hearing-back', { s: [CH], m: 3 }),
  en('change', `More outreach workers out at night.`, '3.2 staff-stretched', { s: [OUT], m: 3 }),
  en('change', `Let me see the same nurse each time.`, '5.1 5.6 staff-changes', { s: [HE], m: 3 }),
  en('change', `Make the online housing form work on a phone.`, '3.2 4.1 online-systems phones-and-data', { s: [CH, OT], m: 2 }),
  en('change', `Hot food every day, not three days a week.`, '3.2 food', { s: [DC], m: 3 }),

  // What worked (service form)
  en('worked', `I got a text the day before my appointment and another on the morning. First time I haven't missed one.`, '3.2 phones-and-data', { s: [CH, HE], m: 5 }),
  en('worked', `The outreach worker waited with me at A&E for four hours. I'd have walked out otherwise.`, '3.2 5.6 staff-who-helped', { s: OUT, m: 5 }),
  en('worked', `My support worker helped me with the forms for my first flat and came to the viewing with me.`, '4.3 5.6 tenancy-support staff-who-helped', { s: SH, m: 5 }),
  en('worked', `The nurse at the day centre sorted my repeat prescription, so I didn't have to go to the surgery.`, '3.2 5.2 gp-and-dentist', { s: [HE, DC], m: 5 }),
  en('worked', `Someone rang me back the same afternoon, like they said they would.`, '4.1 5.6 staff-who-helped', { s: CH, m: 4 }),
  en('worked', `They didn't make me tell my whole story again. It was all there already.`, '5.3 telling-my-story-again', { s: [CH, SH, HE], m: 4 }),
  en('worked', `Being able to drop in without an appointment.`, '3.2 flexibility', { s: [DC, HE], m: 4 }),
  en('worked', `The worker spoke to me like a person, not a case number.`, '5.1 respect-and-dignity', { m: 4 }),

  // What did not work (service form)
  en('notworked', `I waited three weeks for a call about my homeless application. In the end I went in and sat there until someone saw me.`, '4.1 not-hearing-back waiting-and-delays', { s: CH, m: 1 }),
  en('notworked', `They said my room would be fixed in a week. It's been two months and there's still mould on the wall.`, '4.5 cleanliness-and-repairs broken-promises', { s: SH, m: 1 }),
  en('notworked', `I was offered a room in a shared house an hour away from my kids. When I said no I was told I'd made myself intentionally homeless.`, '4.1 choice-and-control local-connection', { s: CH, m: 1 }),
  en('notworked', `They kept sending letters to an address I'd left. I told them to use the day centre, twice.`, '3.2 5.3 not-joined-up', { s: [CH, HE, OT], m: 2 }),
  en('notworked', `Nobody explained what a personal housing plan was. I signed it without knowing what I'd agreed to.`, '4.1 5.6 being-listened-to', { s: CH, m: 2 }),
  en('notworked', `Outreach said they'd come back the next night and didn't. I waited up.`, '3.2 broken-promises', { s: OUT, m: 2 }),
  en('notworked', `The waiting room is tiny and everyone can hear what you say at the desk.`, '5.1 confidentiality', { s: [CH, HE], m: 2 }),
  en('notworked', `My mental health worker left and nobody told me. I found out when I turned up.`, '5.2 5.6 staff-changes not-hearing-back', { s: [HE, SH], m: 1 }),

  // In Arabic
  ar('stay', `الغرفة دافئة والموظفون لطفاء، لكن الحمّام مشترك مع عشرة أشخاص ولا يوجد فيه قفل.`, '4.5 privacy-and-space', { w: [H, T], m: 3 }),
  ar('stay', `نحن في سكن مؤقت منذ سنة. كل شهر يقولون إن هناك بيتًا قريبًا، ثم لا شيء.`, '4.1 4.4 waiting-for-housing broken-promises', { w: T, m: 2 }),
  ar('support', `المترجمة في الموعد الأخير كانت تفهم لهجتي، فتكلمت براحة لأول مرة. شكرًا على ذلك.`, '3.2 5.1 being-listened-to', { m: 5 }),
  ar('support', `انتظرت خمسة أشهر لموعد مع أخصائي نفسي، وما زلت أنتظر.`, '5.2 mental-health-waits', { m: 1 }),
  ar('listened', `أن يسألوني ماذا أحتاج قبل أن يقرروا عني.`, '5.6 choice-and-control being-listened-to', { m: 2 }),
  ar('change', `موظف يتكلم العربية في مكتب السكن، ولو يومًا واحدًا في الأسبوع.`, '3.2 4.1 being-listened-to', { m: 3 }),
  ar('change', `بيت قريب من مدرسة أولادي. نقلونا ثلاث مرات هذه السنة.`, '4.4 4.1 choice-and-control', { m: 2 }),
  ar('change', `مكان للنساء فقط في مركز النهار.`, '4.6 women-only-spaces', { m: 3 }),
  ar('worked', `حصلت على موعد مع طبيب الأسنان خلال أسبوع، ومع مترجم أيضًا.`, '3.2 gp-and-dentist', { s: [HE, OT], m: 5 }),
  ar('notworked', `أرسلوا لي رسالة نصية بالإنجليزية فقط، ففاتني الموعد.`, '3.2 online-systems not-hearing-back', { s: [CH, HE, OT], m: 2 }),
];

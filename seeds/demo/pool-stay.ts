// Festival of Feedback: "What is it like where you are staying?" and "What would help you move into
// somewhere to live?" (people sleeping rough).
import { en, type PoolEntry } from './pool';

const H = 'hostel' as const;
const T = 'temporary' as const;
const O = 'own-home' as const;
const F = 'friends' as const;

export const stay: PoolEntry[] = [
  en('stay', `It's alright. Roof over my head. Staff are decent most of them.`, '4.5 staff-who-helped', { w: H, m: 4 }),
  en('stay', `Noisy. Someone is always kicking off at 3am and the fire alarm goes off twice a week because people smoke in their rooms. I haven't slept properly since I got here.`, '4.5 feeling-unsafe cleanliness-and-repairs', { w: H, m: 2 }),
  en('stay', `The room is small but it's mine and it locks. After two winters in a tent that means more than I can explain.`, '4.5 privacy-and-space', { w: H, m: 4 }),
  en('stay', `damp. mould on the ceiling above my bed. reported it in january, its now april. i have asthma`, '4.5 cleanliness-and-repairs not-hearing-back', { w: [H, T], m: 1 }),
  en('stay', `B&B on the ring road. Me and my two kids in one room with a kettle and a microwave we're not supposed to have. We've been here 11 weeks. The council said 6 weeks max.`, '4.1 4.4 privacy-and-space food broken-promises', { w: T, m: 1, x: [[`Me and my two kids in one room with a kettle and a microwave we're not supposed to have.`, '4.1 privacy-and-space food'], [`We've been here 11 weeks. The council said 6 weeks max.`, '4.1 broken-promises waiting-for-housing']] }),
  en('stay', `Honestly it's the best place I've been in. Clean, the staff knock before they come in, and there's a garden where you can sit. I've started growing tomatoes.`, '4.6 5.6 respect-and-dignity staff-who-helped', { w: H, m: 5 }),
  en('stay', `I don't feel safe. There's a lot of drugs in the building and people coming in who don't live here. I stay in my room most of the time.`, '4.5 1.2 feeling-unsafe recovery-environment', { w: H, m: 2 }),
  en('stay', `Too many rules. Can't have my partner stay over, can't have my dog, have to sign in by 11. I'm 46 not 16.`, '4.5 2.2 curfews-and-rules respect-and-dignity', { w: H, m: 2 }),
  en('stay', `My own flat now after 3 years of hostels. Its quiet. Sometimes too quiet if im honest, I dont really know anyone round here.`, '4.3 tenancy-support', { w: O, m: 4 }),
  en('stay', `Sofa at my sisters. Her fella doesnt want me there and makes it obvious. I'm out all day so I'm not under their feet and I come back after they've gone to bed.`, '3.2 4.1 privacy-and-space', { w: F, m: 2 }),
  en('stay', `The shared kitchen is disgusting. Nobody cleans it and staff say it's our job. Fair enough but some people just don't, so I eat out of packets in my room.`, '4.5 cleanliness-and-repairs food', { w: H, m: 2 }),
  en('stay', `It is warm and clean and I have my own shower. I am grateful. The only thing is it is a long way from my children's school, two buses each way.`, '4.1 4.4 choice-and-control', { w: T, m: 4 }),
  en('stay', `Its ok apart from the wifi which is basically non existent. I need it for my UC journal and for looking at jobs. Have to walk to the library.`, '4.5 4.7 wifi universal-credit', { w: H, m: 3 }),
  en('stay', `Temporary accommodation in Banbury when my whole life is in Oxford. My GP, my drug worker, my son. Nobody asked me.`, '4.1 2.2 choice-and-control local-connection', { w: T, m: 2 }),
  en('stay', `Women only floor has made a massive difference. I actually come out of my room now. Before I was on a mixed corridor and I barely left it.`, '4.5 4.6 women-only-spaces feeling-unsafe', { w: H, m: 4 }),
  en('stay', `Food is the same every week. Pasta bake, curry, pasta bake. Veg would be nice. I'm not complaining about having food, I'm just saying.`, '4.5 food', { w: H, m: 3 }),
  en('stay', `Fine.`, '', { w: [H, T, O, F], m: 3, r: true }),
  en('stay', `it's a roof`, '', { w: [H, T], m: 3, r: true }),
  en('stay', `The building's falling apart. Lift broken since summer and I'm on the fourth floor with a bad leg. Window in the bathroom doesn't shut. Heating either off or like a sauna, nothing in between.`, '4.5 4.6 cleanliness-and-repairs', { w: [H, T], m: 1 }),
  en('stay', `My room at Harcourt House is next to the office so I hear everything, staff talking about residents on the phone included. Not great for privacy, theirs or ours.`, '4.5 confidentiality privacy-and-space', { w: H, m: 2, p: [[`Harcourt House`, 'place']] }),
  en('stay', `Staying with mates, different one each week. I've got a bag and that's it. I'm working so the council said I'm not a priority, but I can't save a deposit when I'm paying people to sleep on their floor.`, '4.1 3.2 private-renting work-and-training', { w: F, m: 2 }),
  en('stay', `They did a room check while I was out and went through my stuff. I know they have to check for safety but I should be there, it's my things.`, '4.5 5.1 respect-and-dignity curfews-and-rules', { w: H, m: 2 }),
  en('stay', `I like it here. People look out for each other on my floor. When I was ill a lad downstairs brought me soup every day.`, '4.5 5.6 wellbeing-and-activities', { w: H, m: 5 }),
  en('stay', `Bed bugs. Twice. They sprayed, they came back. I've thrown away everything I own twice now.`, '4.5 cleanliness-and-repairs', { w: [H, T], m: 1 }),
  en('stay', `I got my flat through Housing First and it's changed everything. I have a key, I have a worker who comes to me, and no one is going to kick me out for having a bad week.`, '4.6 4.3 5.6 move-on-housing staff-who-helped', { w: O, m: 5 }),
  en('stay', `Its too expensive. Service charge plus the rent top up means when I was working I was worse off than on benefits. So I stopped working. Make it make sense.`, '4.7 rent-and-service-charges work-and-training', { w: H, m: 2 }),
  en('stay', `There is a man in the room opposite who shouts at me when I go past and once followed me to the bathroom. I told the night staff and they said keep your door locked. I do. I push the chest of drawers in front of it as well. I don't want him to be kicked out, I just want to be moved somewhere I can sleep.`, '4.5 1.2 feeling-unsafe being-listened-to', { w: H, m: 1, sg: ['unsafe'] }),
  en('stay', `New place is much better than the last one. Still waiting for a bed frame, sleeping on the mattress on the floor, but it's a start.`, '4.3 tenancy-support', { w: O, m: 4 }),
  en('stay', `My flat in Blackbird Leys, 22 Pegasus Court OX4 6QW, has had no hot water for 3 weeks and the landlord won't answer. I'm not in a hostel anymore so my old keyworker can't help.`, '4.3 tenancy-support cleanliness-and-repairs not-hearing-back', { w: O, m: 1, p: [[`22 Pegasus Court`, 'address'], [`OX4 6QW`, 'postcode']] }),
  en('stay', `Curfew's ridiculous when you work nights. I had to choose between keeping my bed and keeping my job. I kept the job, and now I'm at my nan's.`, '4.7 4.5 curfews-and-rules work-and-training flexibility', { w: F, m: 2 }),
  en('stay', `It's quiet which I like. Staff are busy but when you need them they come. The night worker Precious always has a minute for a chat and a brew, which is sometimes all you need at 2am.`, '4.5 5.1 staff-who-helped', { w: H, m: 4, p: [[`Precious`, 'staff']] }),
  en('stay', `Lots of people using in the toilets. I'm 8 months clean and it's hard, really hard, seeing it every day. I asked for a dry house and there's a waiting list.`, '4.5 2.2 5.2 recovery-environment drugs-and-alcohol-support waiting-for-housing', { w: H, m: 2 }),
  en('stay', `Shared bathroom between 9 of us. There's a rota. Nobody follows the rota.`, '4.5 cleanliness-and-repairs privacy-and-space', { w: H, m: 2 }),
  en('stay', `Good. Warm. Feel safe. Thank you`, '4.5 safety-in-accommodation', { w: [H, T], m: 5 }),
  en('stay', `They moved me 4 times in 6 months, each time a different town. You can't settle, you can't keep a GP, you can't keep anything. I've got a bag packed all the time now because I know I'll get a phone call.`, '4.1 4.5 choice-and-control gp-and-dentist stuck-in-hostel', { w: T, m: 1 }),
  en('stay', `Pets should be allowed. My dog is the reason I'm still here, and I slept out for another 4 months because no hostel would take him.`, '2.2 4.5 curfews-and-rules choice-and-control', { w: [H, O], m: 3 }),
  en('stay', `I'm in a shared house through the council. Five of us, all blokes, nobody talks. It's fine. It's just not a home.`, '4.5 4.6 privacy-and-space', { w: T, m: 3 }),
  en('stay', `My room's ok. The problem is the people outside waiting for residents. Dealers basically. They're at the gate every evening and they know when giros land.`, '4.5 1.2 feeling-unsafe exploitation', { w: H, m: 2, sg: ['exploitation'] }),
  en('stay', `The hostel is in the middle of nowhere, last bus at 7. If you have an appointment in town you're stuffed.`, '4.5 3.2 getting-there', { w: H, m: 2 }),
  en('stay', `I'm on my mum's settee with my 2 year old. She's been good about it but she's 70 and it's a one bed. Council said we're not homeless because we have somewhere to stay.`, '4.1 3.2 privacy-and-space waiting-for-housing', { w: F, m: 2 }),
  en('stay', `Fire door by my room has been propped open for weeks. Anyone can walk in off the street. I've mentioned it at every residents' meeting.`, '4.5 1.2 feeling-unsafe nothing-changes', { w: H, m: 2 }),
  en('stay', `Dont like it. Want out.`, '4.3 stuck-in-hostel', { w: [H, T], m: 1 }),
  en('stay', `Can't fault it really. They've got a little gym in the basement and a cooking group on Tuesdays that got me eating proper meals again.`, '4.6 5.6 food', { w: H, m: 5 }),
  en('stay', `Temporary accomodation above a takeaway, smells of chip fat 24/7, mice in the kitchen. I have a newborn. I sent photos to the housing officer Mr Okafor and got a reply saying they'd "look into it" 5 weeks ago.`, '4.1 4.4 cleanliness-and-repairs not-hearing-back', { w: T, m: 1, p: [[`Mr Okafor`, 'staff']] }),
  en('stay', `Where I stay is fine, but I've been here 2 and a half years in a place that's meant for 6 months to a year. Everyone keeps saying I'm "move on ready". Ready for what. There's nothing.`, '4.3 4.4 stuck-in-hostel move-on-housing', { w: H, m: 3, x: [[`I've been here 2 and a half years in a place that's meant for 6 months to a year.`, '4.3 stuck-in-hostel'], [`Everyone keeps saying I'm "move on ready". Ready for what. There's nothing.`, '4.3 4.4 move-on-housing']] }),
  en('stay', `ok for now`, '', { w: [H, T, F], m: 3, r: true }),
  en('stay', `Could be worse.`, '', { w: [H, T], m: 3, r: true }),
];

export const rough: PoolEntry[] = [
  en('rough', `Somewhere that takes couples. Me and my girlfriend won't be split up, we look after each other out here.`, '2.2 4.5 choice-and-control', { w: 'rough' }),
  en('rough', `A place where I can take my dog. Simple as.`, '2.2 4.5 choice-and-control curfews-and-rules', { w: 'rough' }),
  en('rough', `Someone to actually come back when they say they will. Outreach found me in October, said they'd be back Tuesday with a form. It's January.`, '3.2 4.1 broken-promises not-hearing-back', { w: 'rough' }),
  en('rough', `I been banned from the main hostel from years ago. I'm a different person now but the ban is still on the system and nobody will review it.`, '1.2 3.2 evictions-and-warnings flexibility', { w: 'rough' }),
  en('rough', `ID. I can't get anything without ID and I can't get ID without an address. Round and round.`, '3.2 4.1 id-and-documents flexibility', { w: 'rough' }),
  en('rough', `Not a hostel. I've done hostels, I relapse every time. A little flat, even a bedsit, with someone checking in on me. Housing First, that's what my worker called it.`, '4.6 2.2 move-on-housing recovery-environment choice-and-control', { w: 'rough' }),
  en('rough', `honestly a phone charger and somewhere to store my stuff would be a start. my stuff gets took every time I go to an appointment`, '3.2 phones-and-data privacy-and-space', { w: 'rough' }),
  en('rough', `Being believed. I told the council I had nowhere and they said I'd made myself intentionally homeless because I left my ex's. I left because he was hurting me.`, '4.1 3.2 violence-and-abuse being-listened-to mistrust', { w: 'rough', sg: ['abuse'] }),
  en('rough', `Help with my head first. I can't do forms and meetings when I'm like this.`, '5.2 5.1 mental-health-waits flexibility', { w: 'rough' }),
  en('rough', `Just get me in somewhere before winter. Last year I lost two mates out here.`, '3.2 4.1 emergency-beds', { w: 'rough' }),
  en('rough', `A worker who sticks around. Kelly from outreach was amazing but she left and the new one doesn't know me from Adam.`, '5.6 3.2 staff-changes staff-who-helped', { w: 'rough', p: [[`Kelly`, 'staff']] }),
];

import type { Lang } from '../language.js';

/**
 * What the citizen reads of the handoff, as `system` messages in the conversation's language.
 * Romanian first; English and Hungarian for Cluj's visitors and its Hungarian community.
 */
type Texts = Record<Lang, string>;

const WEEKDAY_NAMES: Record<Lang, Record<string, string>> = {
  ro: {
    mon: 'luni',
    tue: 'marți',
    wed: 'miercuri',
    thu: 'joi',
    fri: 'vineri',
    sat: 'sâmbătă',
    sun: 'duminică',
  },
  en: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
  hu: {
    mon: 'hétfő',
    tue: 'kedd',
    wed: 'szerda',
    thu: 'csütörtök',
    fri: 'péntek',
    sat: 'szombat',
    sun: 'vasárnap',
  },
};

function fill(texts: Texts, lang: Lang, values: Record<string, string>): string {
  return texts[lang].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

const CLERK_JOINED: Texts = {
  ro: 'Un funcționar s-a alăturat: {name}',
  en: 'A clerk has joined: {name}',
  hu: 'Egy ügyintéző csatlakozott: {name}',
};

const TRANSFERRED_TO_DEPARTMENT: Texts = {
  ro: 'Conversația a fost transferată către {department}. Vă rugăm să așteptați un funcționar.',
  en: 'Your conversation has been transferred to {department}. Please wait for a clerk.',
  hu: 'A beszélgetést átirányítottuk ide: {department}. Kérjük, várjon egy ügyintézőre.',
};

const BACK_TO_BOT: Texts = {
  ro: 'Conversația a revenit la asistentul virtual.',
  en: 'The conversation is back with the virtual assistant.',
  hu: 'A beszélgetést ismét a virtuális asszisztens folytatja.',
};

const CLOSED: Texts = {
  ro: 'Funcționarul a încheiat conversația. Vă mulțumim! Dacă mai aveți o întrebare, scrieți aici și vă răspunde asistentul virtual.',
  en: 'The clerk has ended the conversation. Thank you! If you have another question, write here and the virtual assistant will answer.',
  hu: 'Az ügyintéző lezárta a beszélgetést. Köszönjük! Ha további kérdése van, írjon ide, és a virtuális asszisztens válaszol.',
};

const NO_CLERK_IN_TIME: Texts = {
  ro: 'Momentan niciun funcționar nu este disponibil. Ne puteți lăsa un mesaj (numele, e-mailul sau telefonul și întrebarea), iar un funcționar vă va contacta. Puteți și să așteptați în continuare.',
  en: 'No clerk is available right now. You can leave us a message (your name, e-mail or phone, and your question) and a clerk will contact you. You can also keep waiting.',
  hu: 'Jelenleg nincs elérhető ügyintéző. Hagyhat üzenetet (név, e-mail-cím vagy telefonszám és a kérdés), és egy ügyintéző felveszi Önnel a kapcsolatot. Tovább is várhat.',
};

const OUTSIDE_HOURS: Texts = {
  ro: 'Funcționarii răspund în chat doar în timpul programului. Ne puteți lăsa un mesaj (numele, e-mailul sau telefonul și întrebarea), iar un funcționar vă va contacta.',
  en: 'Clerks answer chats during office hours only. You can leave us a message (your name, e-mail or phone, and your question) and a clerk will contact you.',
  hu: 'Az ügyintézők csak ügyfélfogadási időben válaszolnak a chatben. Hagyhat üzenetet (név, e-mail-cím vagy telefonszám és a kérdés), és egy ügyintéző felveszi Önnel a kapcsolatot.',
};

const NEXT_OPENING: Texts = {
  ro: 'Următorul interval de program începe {weekday}, {date}, la ora {time}.',
  en: 'The next office hours start on {weekday}, {date}, at {time}.',
  hu: 'A következő ügyfélfogadási idő kezdete: {date}, {weekday}, {time}.',
};

const TICKET_REGISTERED: Texts = {
  ro: 'Mesajul dumneavoastră a fost înregistrat cu numărul {number}. Un funcționar vă va contacta.',
  en: 'Your message has been registered under number {number}. A clerk will contact you.',
  hu: 'Üzenetét {number} számon iktattuk. Egy ügyintéző felveszi Önnel a kapcsolatot.',
};

export const handoffTexts = {
  clerkJoined: (lang: Lang, name: string) => fill(CLERK_JOINED, lang, { name }),
  transferredToDepartment: (lang: Lang, department: string) =>
    fill(TRANSFERRED_TO_DEPARTMENT, lang, { department }),
  backToBot: (lang: Lang) => BACK_TO_BOT[lang],
  closed: (lang: Lang) => CLOSED[lang],
  noClerkInTime: (lang: Lang) => NO_CLERK_IN_TIME[lang],
  outsideHours: (lang: Lang, next?: { weekday: string; date: string; time: string }) => {
    if (!next) return OUTSIDE_HOURS[lang];
    const [year, month, day] = next.date.split('-');
    const date = lang === 'hu' ? `${year}.${month}.${day}.` : `${day}.${month}.${year}`;
    const weekday = WEEKDAY_NAMES[lang][next.weekday] ?? next.weekday;
    return `${OUTSIDE_HOURS[lang]} ${fill(NEXT_OPENING, lang, { weekday, date, time: next.time })}`;
  },
  ticketRegistered: (lang: Lang, number: string) => fill(TICKET_REGISTERED, lang, { number }),
};

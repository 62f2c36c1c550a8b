import type { Lang } from '../../protocol/lang.js';

/** Everything the chat panel itself says, in Romanian first, then English and Hungarian. */
export interface UiStrings {
  languageName: string;
  /** The frame document's <title> (what assistive technology may read for the frame). */
  documentTitle: string;
  title: string;
  subtitle: string;
  intro: string;
  privacy: string;
  privacyLink: string;
  language: string;
  close: string;
  moreActions: string;
  messages: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  you: string;
  bot: string;
  clerkRole: string;
  sources: string;
  opensInNewTab: string;
  suggestions: string;
  helpful: string;
  helpfulYes: string;
  helpfulNo: string;
  feedbackThanks: string;
  feedbackComment: string;
  sending: string;
  queued: string;
  failedTooLong: string;
  typing: (name: string) => string;
  connecting: string;
  reconnecting: string;
  offline: string;
  versionError: string;
  originError: string;
  talkToClerk: string;
  waiting: (position: number | null) => string;
  estimate: (minutes: number) => string;
  cancelWaiting: string;
  withClerk: (name: string) => string;
  handoffClosed: string;
  noClerk: string;
  ticketTitle: string;
  ticketIntro: string;
  ticketName: string;
  ticketContact: string;
  ticketQuestion: string;
  ticketSubmit: string;
  ticketDone: (number: string) => string;
  ticketInvalid: string;
  ticketError: string;
  newConversation: string;
  newConversationConfirm: string;
  rateLimited: string;
}

export const UI_STRINGS: Record<Lang, UiStrings> = {
  ro: {
    languageName: 'Română',
    documentTitle: 'ANTONIA — Primăria Municipiului Cluj-Napoca',
    title: 'ANTONIA',
    subtitle: 'Asistentul virtual al Primăriei Cluj-Napoca',
    intro:
      'Bună ziua! Sunt ANTONIA. Vă spun ce acte trebuie să depuneți, unde și cât costă, pentru serviciile Primăriei. Scrieți întrebarea mai jos.',
    privacy: 'Nu scrieți date personale (CNP, adresă, date bancare).',
    privacyLink: 'Protecția datelor',
    language: 'Limba',
    close: 'Închide chatul',
    moreActions: 'Mai multe opțiuni',
    messages: 'Mesaje',
    inputLabel: 'Întrebarea dumneavoastră',
    placeholder: 'Scrieți întrebarea…',
    send: 'Trimite',
    you: 'Dumneavoastră',
    bot: 'ANTONIA',
    clerkRole: 'funcționar',
    sources: 'Surse',
    opensInNewTab: '(se deschide într-o filă nouă)',
    suggestions: 'Întrebări sugerate',
    helpful: 'V-a fost util răspunsul?',
    helpfulYes: 'Da, a fost util',
    helpfulNo: 'Nu a fost util',
    feedbackThanks: 'Mulțumim pentru părere.',
    feedbackComment: 'Ce nu a fost bine? (opțional)',
    sending: 'Se trimite…',
    queued: 'Va fi trimis când revine conexiunea',
    failedTooLong: 'Mesajul este prea lung (cel mult 2.000 de caractere).',
    typing: (name) => `${name} scrie…`,
    connecting: 'Se conectează…',
    reconnecting: 'Reconectare…',
    offline: 'Fără conexiune. Mesajele vor fi trimise când revine conexiunea.',
    versionError: 'Chatul a fost actualizat. Reîncărcați pagina pentru a continua.',
    originError: 'Chatul nu este disponibil pe acest site.',
    talkToClerk: 'Vorbiți cu un funcționar',
    waiting: (position) => (position ? `În așteptare — poziția ${position}` : 'În așteptare'),
    estimate: (minutes) => `timp estimat ≈ ${minutes} min`,
    cancelWaiting: 'Renunțați',
    withClerk: (name) => `${name} vă răspunde`,
    handoffClosed: 'Funcționarul a încheiat discuția. ANTONIA vă poate ajuta în continuare.',
    noClerk: 'Niciun funcționar nu este disponibil acum.',
    ticketTitle: 'Lăsați un mesaj',
    ticketIntro: 'Vă răspundem în programul de lucru, pe e-mail sau la telefon.',
    ticketName: 'Numele',
    ticketContact: 'E-mail sau telefon',
    ticketQuestion: 'Întrebarea',
    ticketSubmit: 'Trimite mesajul',
    ticketDone: (number) => `Mesajul a fost înregistrat cu numărul ${number}.`,
    ticketInvalid: 'Verificați câmpurile: numele și un e-mail sau un număr de telefon valid.',
    ticketError: 'Mesajul nu a putut fi trimis. Încercați din nou.',
    newConversation: 'Conversație nouă',
    newConversationConfirm: 'Confirmați conversația nouă',
    rateLimited: 'Prea multe mesaje într-un minut. Îl trimitem în câteva secunde.',
  },
  en: {
    languageName: 'English',
    documentTitle: 'ANTONIA — Cluj-Napoca City Hall',
    title: 'ANTONIA',
    subtitle: 'Virtual assistant of Cluj-Napoca City Hall',
    intro:
      'Hello! I am ANTONIA. I can tell you which documents you need, where to go and what it costs for City Hall services. Type your question below.',
    privacy: 'Please do not share personal data (ID number, address, bank details).',
    privacyLink: 'Data protection',
    language: 'Language',
    close: 'Close chat',
    moreActions: 'More options',
    messages: 'Messages',
    inputLabel: 'Your question',
    placeholder: 'Type your question…',
    send: 'Send',
    you: 'You',
    bot: 'ANTONIA',
    clerkRole: 'clerk',
    sources: 'Sources',
    opensInNewTab: '(opens in a new tab)',
    suggestions: 'Suggested questions',
    helpful: 'Was this answer helpful?',
    helpfulYes: 'Yes, it was helpful',
    helpfulNo: 'No, it was not helpful',
    feedbackThanks: 'Thank you for your feedback.',
    feedbackComment: 'What was wrong? (optional)',
    sending: 'Sending…',
    queued: 'Will be sent when the connection is back',
    failedTooLong: 'The message is too long (2,000 characters at most).',
    typing: (name) => `${name} is typing…`,
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    offline: 'Offline. Messages will be sent when the connection is back.',
    versionError: 'The chat has been updated. Please reload the page to continue.',
    originError: 'The chat is not available on this site.',
    talkToClerk: 'Talk to a clerk',
    waiting: (position) => (position ? `Waiting — position ${position}` : 'Waiting'),
    estimate: (minutes) => `estimated wait ≈ ${minutes} min`,
    cancelWaiting: 'Stop waiting',
    withClerk: (name) => `${name} is answering you`,
    handoffClosed: 'The clerk has ended the chat. ANTONIA can keep helping you.',
    noClerk: 'No clerk is available right now.',
    ticketTitle: 'Leave a message',
    ticketIntro: 'We will answer during office hours, by e-mail or phone.',
    ticketName: 'Name',
    ticketContact: 'E-mail or phone',
    ticketQuestion: 'Question',
    ticketSubmit: 'Send message',
    ticketDone: (number) => `Your message was registered under number ${number}.`,
    ticketInvalid: 'Please check the fields: your name and a valid e-mail address or phone number.',
    ticketError: 'The message could not be sent. Please try again.',
    newConversation: 'New conversation',
    newConversationConfirm: 'Confirm new conversation',
    rateLimited: 'Too many messages in a minute. We will send it in a few seconds.',
  },
  hu: {
    languageName: 'Magyar',
    documentTitle: 'ANTONIA — Kolozsvár Polgármesteri Hivatala',
    title: 'ANTONIA',
    subtitle: 'Kolozsvár Polgármesteri Hivatalának virtuális asszisztense',
    intro:
      'Jó napot! ANTONIA vagyok. Elmondom, milyen iratok kellenek, hová kell menni és mennyibe kerül a Polgármesteri Hivatal szolgáltatásai esetén. Írja be kérdését alább.',
    privacy: 'Kérjük, ne adjon meg személyes adatokat (személyi szám, lakcím, bankadatok).',
    privacyLink: 'Adatvédelem',
    language: 'Nyelv',
    close: 'Csevegés bezárása',
    moreActions: 'További lehetőségek',
    messages: 'Üzenetek',
    inputLabel: 'Az Ön kérdése',
    placeholder: 'Írja be kérdését…',
    send: 'Küldés',
    you: 'Ön',
    bot: 'ANTONIA',
    clerkRole: 'ügyintéző',
    sources: 'Források',
    opensInNewTab: '(új lapon nyílik meg)',
    suggestions: 'Javasolt kérdések',
    helpful: 'Hasznos volt a válasz?',
    helpfulYes: 'Igen, hasznos volt',
    helpfulNo: 'Nem volt hasznos',
    feedbackThanks: 'Köszönjük a visszajelzést.',
    feedbackComment: 'Mi nem volt jó? (nem kötelező)',
    sending: 'Küldés…',
    queued: 'A kapcsolat helyreállásakor elküldjük',
    failedTooLong: 'Az üzenet túl hosszú (legfeljebb 2000 karakter).',
    typing: (name) => `${name} ír…`,
    connecting: 'Kapcsolódás…',
    reconnecting: 'Újrakapcsolódás…',
    offline: 'Nincs kapcsolat. Az üzeneteket a kapcsolat helyreállásakor küldjük el.',
    versionError: 'A csevegés frissült. A folytatáshoz töltse újra az oldalt.',
    originError: 'A csevegés ezen az oldalon nem érhető el.',
    talkToClerk: 'Beszéljen egy ügyintézővel',
    waiting: (position) => (position ? `Várakozás — ${position}. hely` : 'Várakozás'),
    estimate: (minutes) => `becsült várakozás ≈ ${minutes} perc`,
    cancelWaiting: 'Mégsem',
    withClerk: (name) => `${name} válaszol Önnek`,
    handoffClosed: 'Az ügyintéző befejezte a beszélgetést. ANTONIA továbbra is segít.',
    noClerk: 'Jelenleg nincs elérhető ügyintéző.',
    ticketTitle: 'Hagyjon üzenetet',
    ticketIntro: 'Munkaidőben válaszolunk, e-mailben vagy telefonon.',
    ticketName: 'Név',
    ticketContact: 'E-mail vagy telefon',
    ticketQuestion: 'Kérdés',
    ticketSubmit: 'Üzenet küldése',
    ticketDone: (number) => `Üzenetét ${number} számon iktattuk.`,
    ticketInvalid: 'Ellenőrizze a mezőket: név és érvényes e-mail-cím vagy telefonszám.',
    ticketError: 'Az üzenetet nem sikerült elküldeni. Próbálja újra.',
    newConversation: 'Új beszélgetés',
    newConversationConfirm: 'Új beszélgetés megerősítése',
    rateLimited: 'Túl sok üzenet egy perc alatt. Néhány másodperc múlva elküldjük.',
  },
};

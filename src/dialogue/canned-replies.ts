import type { HandoffView } from '../protocol/handoff-view.js';
import type { Lang } from '../language.js';
import type { Facet } from './facets.js';

/**
 * Every sentence ANTONIA says that does not come from the knowledge base or the intent files, in
 * Romanian, English and Hungarian. One module, so a translator or a reviewer finds them all in one place.
 * Romanian uses the polite "dumneavoastră", Hungarian the polite "Ön". No sentence here states a fact
 * about a procedure: facts come only from the knowledge base.
 */
type Text = Record<Lang, string>;
type Template<Args extends unknown[]> = Record<Lang, (...args: Args) => string>;

export const SECTION_TITLES: Record<Facet | 'redirect' | 'cityHallRole', Text> = {
  documents: { ro: 'Documente necesare', en: 'Documents you need', hu: 'Szükséges iratok' },
  fees: { ro: 'Taxe', en: 'Fees', hu: 'Díjak' },
  where: { ro: 'Unde și când', en: 'Where and when', hu: 'Hol és mikor' },
  deadline: { ro: 'Termen', en: 'Time frame', hu: 'Határidő' },
  validity: { ro: 'Valabilitate', en: 'Validity', hu: 'Érvényesség' },
  online: { ro: 'Online', en: 'Online', hu: 'Online' },
  steps: { ro: 'Pași', en: 'Steps', hu: 'Lépések' },
  legalBasis: { ro: 'Temei legal', en: 'Legal basis', hu: 'Jogalap' },
  redirect: { ro: 'Cine se ocupă', en: 'Who handles it', hu: 'Ki intézi' },
  cityHallRole: {
    ro: 'Ce face primăria',
    en: 'What the city hall does',
    hu: 'Mit tesz a polgármesteri hivatal',
  },
};

export const REPLIES = {
  feeAmount: {
    ro: (amount: string) => `${amount} lei`,
    en: (amount: string) => `${amount} lei (RON)`,
    hu: (amount: string) => `${amount} lej`,
  } satisfies Template<[string]>,
  feeDependsOn: {
    ro: (what: string) => `depinde de: ${what}`,
    en: (what: string) => `depends on: ${what}`,
    hu: (what: string) => `függ ettől: ${what}`,
  } satisfies Template<[string]>,
  noFeesRecorded: {
    ro: 'Baza noastră de cunoștințe nu menționează nicio taxă pentru această procedură; confirmați la ghișeu.',
    en: 'Our knowledge base lists no fee for this procedure; please confirm at the office.',
    hu: 'Tudásbázisunk nem említ díjat ehhez az ügyhöz; kérjük, erősítse meg az ügyfélszolgálaton.',
  } satisfies Text,
  noDataForFacet: {
    ro: 'Nu am această informație în baza de cunoștințe; o găsiți la sursa de mai jos sau la ghișeu.',
    en: 'I do not have this information in the knowledge base; see the source below or ask at the office.',
    hu: 'Ez az információ nincs meg a tudásbázisban; nézze meg a lenti forrást, vagy kérdezzen az ügyfélszolgálaton.',
  } satisfies Text,
  onlineAvailable: {
    ro: 'Se poate face online.',
    en: 'It can be done online.',
    hu: 'Online is intézhető.',
  } satisfies Text,
  onlineNotAvailable: {
    ro: 'Nu se poate face integral online.',
    en: 'It cannot be done fully online.',
    hu: 'Teljes egészében online nem intézhető.',
  } satisfies Text,
  /** The title of a facet's secondary details, folded under the facet's own section. */
  moreDetails: { ro: 'Mai multe detalii', en: 'More details', hu: 'További részletek' } satisfies Text,
  moreItems: {
    ro: (count: number, ask: string) => `… și încă ${count} (întrebați „${ask}”).`,
    en: (count: number, ask: string) => `… and ${count} more (ask "${ask}").`,
    hu: (count: number, ask: string) => `… és még ${count} (kérdezze: „${ask}”).`,
  } satisfies Template<[number, string]>,
  askForDocuments: {
    ro: 'ce acte trebuie?',
    en: 'what documents?',
    hu: 'milyen iratok kellenek?',
  } satisfies Text,
  /**
   * Leads an act of the legal basis that has no citation to show first, in an English or Hungarian
   * answer: its official Romanian title follows in parentheses (the Romanian answer shows the title alone).
   */
  romanianTitle: {
    ro: '',
    en: 'Official title in Romanian',
    hu: 'Hivatalos román címe',
  } satisfies Text,
  /** Leads the one thing most people need next, under a first answer's summary. */
  firstStep: { ro: 'Primul pas', en: 'First step', hu: 'Első lépés' } satisfies Text,
  /** Leads an overview of the procedure the conversation is already about (its introduction was read). */
  overviewAgain: {
    ro: 'Iată din nou, pe scurt, ce știu despre această procedură:',
    en: 'Here again, in short, is what I know about this procedure:',
    hu: 'Röviden még egyszer, amit erről az ügyről tudok:',
  } satisfies Text,
  whereToGo: { ro: 'Unde mergeți', en: 'Where to go', hu: 'Hová menjen' } satisfies Text,
  askForSteps: { ro: 'care sunt pașii?', en: 'what are the steps?', hu: 'mik a lépések?' } satisfies Text,
  onlyInRomanian: {
    ro: '',
    en: 'Some of these details exist only in Romanian, so they are shown in Romanian.',
    hu: 'Néhány részlet csak románul érhető el, ezért románul jelenik meg.',
  } satisfies Text,
  lastChecked: {
    ro: (date: string) => `Verificat la: ${date}`,
    en: (date: string) => `Last checked: ${date}`,
    hu: (date: string) => `Utoljára ellenőrizve: ${date}`,
  } satisfies Template<[string]>,
  sourcesHeading: { ro: 'Surse', en: 'Sources', hu: 'Források' } satisfies Text,
  clarify: {
    ro: 'Am găsit mai multe proceduri apropiate. Despre care întrebați?',
    en: 'I found several close matches. Which one do you mean?',
    hu: 'Több hasonló ügyet találtam. Melyikre gondol?',
  } satisfies Text,
  askForTopic: {
    ro: 'Despre ce act sau serviciu al primăriei întrebați? De exemplu: „Cât costă certificatul de urbanism?”',
    en: 'Which city hall document or service are you asking about? For example: "How much is the urban planning certificate?"',
    hu: 'Melyik hivatali iratról vagy szolgáltatásról kérdez? Például: „Mennyibe kerül a településrendezési bizonyítvány?”',
  } satisfies Text,
  declineOutOfScope: {
    ro: 'Nu știu să răspund la asta: nu găsesc informația în baza de cunoștințe a primăriei. Încercați să reformulați întrebarea (de exemplu, cu numele actului sau al serviciului) sau vă pot pune în legătură cu un funcționar.',
    en: "I don't know the answer to that: I can't find it in the city hall's knowledge base. Try rephrasing the question (for example, with the name of the document or service), or I can put you through to a clerk.",
    hu: 'Erre nem tudok válaszolni: nem találom a polgármesteri hivatal tudásbázisában. Próbálja átfogalmazni a kérdést (például az irat vagy a szolgáltatás nevével), vagy kapcsolhatom egy ügyintézőhöz.',
  } satisfies Text,
  declineLowConfidence: {
    ro: 'Nu sunt sigură că am înțeles întrebarea și nu vreau să vă dau o informație greșită. Încercați să o reformulați sau vă pot pune în legătură cu un funcționar.',
    en: "I'm not sure I understood the question, and I don't want to give you wrong information. Try rephrasing it, or I can put you through to a clerk.",
    hu: 'Nem vagyok biztos benne, hogy jól értettem a kérdést, és nem szeretnék téves információt adni. Próbálja átfogalmazni, vagy kapcsolhatom egy ügyintézőhöz.',
  } satisfies Text,
  declineRepeated: {
    ro: 'Se pare că nu reușesc să vă ajut. Vreți să vorbiți cu un funcționar? Dacă preferați, puteți încerca și să reformulați întrebarea.',
    en: "It seems I can't help you with this. Would you like to talk to a clerk? If you prefer, you can also try rephrasing the question.",
    hu: 'Úgy tűnik, ebben nem tudok segíteni. Szeretne egy ügyintézővel beszélni? Ha inkább így szeretné, átfogalmazhatja a kérdést is.',
  } satisfies Text,
  negativeFeedbackOffer: {
    ro: 'Îmi pare rău că răspunsul nu v-a ajutat. Vreți să vorbiți cu un funcționar?',
    en: "I'm sorry the answer didn't help. Would you like to talk to a clerk?",
    hu: 'Sajnálom, hogy a válasz nem segített. Szeretne egy ügyintézővel beszélni?',
  } satisfies Text,
  offerClerkLabel: {
    ro: 'Vorbesc cu un funcționar',
    en: 'Talk to a clerk',
    hu: 'Ügyintézővel beszélnék',
  } satisfies Text,
  cancelWaitingLabel: {
    ro: 'Renunț la așteptare',
    en: 'Stop waiting',
    hu: 'Nem várok tovább',
  } satisfies Text,
  handoffWaiting: {
    ro: (position: number | null, minutes: number | null) =>
      `Vă pun în legătură cu un funcționar. ${position === 1 ? 'Sunteți primul la rând.' : position ? `Sunteți al ${position}-lea la rând.` : ''}${minutes ? ` Timp estimat de așteptare: circa ${minutes} minute.` : ''} Puteți scrie în continuare aici.`,
    en: (position: number | null, minutes: number | null) =>
      `I'm putting you through to a clerk. ${position ? `You are number ${position} in the queue.` : ''}${minutes ? ` Estimated wait: about ${minutes} minutes.` : ''} You can keep writing here.`,
    hu: (position: number | null, minutes: number | null) =>
      `Kapcsolom egy ügyintézőhöz. ${position ? `Ön a(z) ${position}. a sorban.` : ''}${minutes ? ` Becsült várakozási idő: kb. ${minutes} perc.` : ''} Továbbra is írhat ide.`,
  } satisfies Template<[number | null, number | null]>,
  handoffWithClerk: {
    ro: (name: string | null) =>
      `${name ? `${name}, funcționar al primăriei,` : 'Un funcționar al primăriei'} preia conversația.`,
    en: (name: string | null) =>
      `${name ? `${name}, a city hall clerk,` : 'A city hall clerk'} is taking over the conversation.`,
    hu: (name: string | null) =>
      `${name ? `${name}, a hivatal ügyintézője,` : 'A hivatal egyik ügyintézője'} átveszi a beszélgetést.`,
  } satisfies Template<[string | null]>,
  handoffOffline: {
    ro: 'Acum nu este niciun funcționar disponibil pentru chat. Puteți lăsa un mesaj cu datele de contact, iar un funcționar vă va răspunde.',
    en: 'No clerk is available for chat right now. You can leave a message with your contact details, and a clerk will get back to you.',
    hu: 'Jelenleg nincs elérhető ügyintéző a csevegéshez. Hagyhat üzenetet az elérhetőségével, és egy ügyintéző válaszolni fog.',
  } satisfies Text,
  handoffUnavailable: {
    ro: 'Nu vă pot pune acum în legătură cu un funcționar. Încercați din nou mai târziu sau contactați primăria direct.',
    en: "I can't put you through to a clerk right now. Please try again later or contact the city hall directly.",
    hu: 'Most nem tudom ügyintézőhöz kapcsolni. Kérjük, próbálja újra később, vagy forduljon közvetlenül a hivatalhoz.',
  } satisfies Text,
  handoffCancelled: {
    ro: 'Bine, ați renunțat la așteptare. Vă pot ajuta eu cu altceva?',
    en: "All right, you've stopped waiting. Can I help you with anything else?",
    hu: 'Rendben, nem vár tovább. Segíthetek valami másban?',
  } satisfies Text,
  nothingToCancel: {
    ro: 'Nu așteptați după niciun funcționar. Cu ce vă pot ajuta?',
    en: "You aren't waiting for a clerk. How can I help?",
    hu: 'Nem vár ügyintézőre. Miben segíthetek?',
  } satisfies Text,
  actionHandoffRequest: {
    ro: 'Vreau să vorbesc cu un funcționar.',
    en: 'I would like to talk to a clerk.',
    hu: 'Egy ügyintézővel szeretnék beszélni.',
  } satisfies Text,
  actionHandoffCancel: {
    ro: 'Renunț la așteptare.',
    en: 'I will stop waiting.',
    hu: 'Nem várok tovább.',
  } satisfies Text,
} as const;

/** What the citizen reads after a handoff request, from what the handoff module says happened. */
export function handoffReply(view: HandoffView, lang: Lang): string {
  switch (view.status) {
    case 'waiting':
      return REPLIES.handoffWaiting[lang](view.position, view.estimatedWaitMinutes)
        .replace(/\s+/g, ' ')
        .trim();
    case 'with_clerk':
      return REPLIES.handoffWithClerk[lang](view.clerkName);
    case 'offline':
      return REPLIES.handoffOffline[lang];
    default:
      return view.ticketOffered ? REPLIES.handoffOffline[lang] : REPLIES.handoffUnavailable[lang];
  }
}

/**
 * Quick replies under an answer, one per facet it does not show (and its stored words when clicked).
 * Short questions, as a citizen would type them.
 */
export const FACET_QUICK_REPLIES: Partial<Record<Facet, Text>> = {
  documents: { ro: 'Ce acte?', en: 'What documents?', hu: 'Milyen iratok?' },
  fees: { ro: 'Cât costă?', en: 'How much?', hu: 'Mennyibe kerül?' },
  where: { ro: 'Unde și când?', en: 'Where and when?', hu: 'Hol és mikor?' },
  online: { ro: 'Online', en: 'Online', hu: 'Online' },
};

import type { WidgetLang } from './loader-options.js';

/** The few words the host page shows before the chat frame is loaded. */
export interface LoaderStrings {
  launcher: string;
  panel: string;
  frameTitle: string;
  unavailable: string;
  unread: (count: number) => string;
}

export const LOADER_STRINGS: Record<WidgetLang, LoaderStrings> = {
  ro: {
    launcher: 'Întrebați primăria',
    panel: 'Chat cu ANTONIA, asistentul virtual al Primăriei',
    frameTitle: 'Conversație cu ANTONIA',
    unavailable: 'Chatul nu poate fi încărcat acum. Vă rugăm să reveniți mai târziu.',
    unread: (count) => (count === 1 ? '1 mesaj nou' : `${count} mesaje noi`),
  },
  en: {
    launcher: 'Ask City Hall',
    panel: 'Chat with ANTONIA, the City Hall virtual assistant',
    frameTitle: 'Conversation with ANTONIA',
    unavailable: 'The chat cannot be loaded right now. Please try again later.',
    unread: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  },
  hu: {
    launcher: 'Kérdezze a hivatalt',
    panel: 'Csevegés ANTONIÁval, a Polgármesteri Hivatal virtuális asszisztensével',
    frameTitle: 'Beszélgetés ANTONIÁval',
    unavailable: 'A csevegés most nem tölthető be. Kérjük, próbálja újra később.',
    unread: (count) => `${count} új üzenet`,
  },
};

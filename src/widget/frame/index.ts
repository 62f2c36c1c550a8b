import { ChatConnection } from './chat-connection.js';
import { ChatController } from './chat-controller.js';
import { ChatSessionStore } from './chat-session-store.js';
import { ChatView } from './chat-view.js';
import { readFrameConfig } from './frame-config.js';
import { HostBridge } from './host-bridge.js';
import { browserStorage } from './key-value-storage.js';
import { Localizer } from './localizer.js';
import { UI_STRINGS } from './ui-strings.js';

/**
 * chat-frame.js: the chat itself, running in the iframe on the service's own origin. The conversation
 * token lives here (localStorage of this origin), out of reach of the embedding page's scripts.
 */
function startChat(): void {
  const config = readFrameConfig(window.location, document.documentElement);
  const store = new ChatSessionStore(browserStorage());
  const lang = store.lang() ?? config.lang;
  document.documentElement.lang = lang;
  if (config.colour && config.textColour) {
    document.documentElement.style.setProperty('--accent', config.colour);
    document.documentElement.style.setProperty('--accent-text', config.textColour);
  }

  // The view, the connection and the bridge call the controller created below: their callbacks only run
  // after start-up (user actions, socket events, messages from the page), when it exists.
  const bridge = new HostBridge(config.parentOrigin, (message) => {
    if (message.type === 'opened') {
      controller.panelShown(true);
      view.focusComposer();
    } else {
      controller.panelShown(false);
    }
  });

  const view = new ChatView(
    new Localizer(UI_STRINGS[lang]),
    {
      send: (text) => controller.send(text),
      pickSuggestion: (label, value) => controller.pickSuggestion(label, value),
      feedback: (seq, rating, comment) => controller.feedback(seq, rating, comment),
      typing: () => controller.typing(),
      requestClerk: () => controller.requestClerk(),
      cancelClerk: () => controller.cancelClerk(),
      submitTicket: (details) => controller.submitTicket(details),
      switchLanguage: (next) => controller.switchLanguage(next),
      newConversation: () => controller.newConversation(),
      close: () => bridge.post({ type: 'close' }),
    },
    { lang, title: config.title, privacyUrl: config.privacyUrl, embedded: bridge.embedded },
  );

  const connection = new ChatConnection(config.socketUrl, {
    opened: () => controller.socketOpened(),
    frame: (frame) => controller.receive(frame),
    stateChanged: (state) => controller.connectionChanged(state),
  });
  const controller: ChatController = new ChatController(connection, store, view, lang, {
    unread: (count) => bridge.post({ type: 'unread', count }),
    language: (current) => bridge.post({ type: 'lang', lang: current }),
  });
  bridge.post({ type: 'ready' });
  controller.start();
  if (!bridge.embedded) view.focusComposer();
}

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', startChat, { once: true });
else startChat();

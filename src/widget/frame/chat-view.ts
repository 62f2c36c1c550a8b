import { CLOSE_ICON, MORE_ICON, SEND_ICON, svgIcon } from '../shared/svg-icon.js';
import type { ConnectionState } from './chat-connection.js';
import type { OutboxEntry } from './chat-session-store.js';
import { h } from './create-element.js';
import { HandoffPanel, type TicketDetails } from './handoff-panel.js';
import type { Localizer } from './localizer.js';
import {
  renderMessage,
  renderPending,
  setPendingState,
  type PendingState,
  type Rating,
} from './message-view.js';
import type { HandoffView } from '../../protocol/handoff-view.js';
import type { Lang } from '../../protocol/lang.js';
import type { Message as ChatMessage } from '../../protocol/message.js';
import { UI_STRINGS } from './ui-strings.js';

export interface ChatViewHandlers {
  send(text: string): void;
  pickSuggestion(label: string, value: string): void;
  feedback(seq: number, rating: Rating, comment?: string): void;
  typing(): void;
  requestClerk(): void;
  cancelClerk(): void;
  submitTicket(details: TicketDetails): void;
  switchLanguage(lang: Lang): void;
  newConversation(): void;
  close(): void;
}

const MAX_ANNOUNCEMENTS = 3;
/** Show "ANTONIA scrie…" for this long after the last typing frame (docs/protocol.md). */
const TYPING_VISIBLE_MS = 6_000;

/**
 * The chat panel's DOM: header (title, language, close), status banners, the message log, quick
 * replies, the composer and the footer (talk to a clerk, new conversation, privacy notice). It renders
 * what the controller tells it and reports what the citizen does; it holds no conversation state.
 */
export class ChatView {
  private readonly log: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly typingLine: HTMLElement;
  private readonly suggestions: HTMLElement;
  private readonly connectionBanner: HTMLElement;
  private readonly announcer: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly languageSelect: HTMLSelectElement;
  private readonly root: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly privacyLine: HTMLElement;
  private readonly clerkButton: HTMLButtonElement;
  private readonly handoff: HandoffPanel;
  private readonly ratings = new Map<number, Rating>();
  private typingTimer: number | undefined;
  private confirmTimer: number | undefined;

  constructor(
    private readonly localizer: Localizer,
    private readonly handlers: ChatViewHandlers,
    options: { lang: Lang; title: string | undefined; privacyUrl: string | undefined; embedded: boolean },
  ) {
    const t = localizer;
    const titleElement = document.querySelector('title');
    if (titleElement) t.text(titleElement, (s) => s.documentTitle);
    const languageSelect = h(
      'select',
      { class: 'lang-select', attrs: { id: 'chat-lang' } },
      (Object.keys(UI_STRINGS) as Lang[]).map((lang) =>
        h('option', { attrs: { value: lang, lang } }, [UI_STRINGS[lang].languageName]),
      ),
    );
    languageSelect.value = options.lang;
    this.languageSelect = languageSelect;
    languageSelect.addEventListener('change', () => handlers.switchLanguage(languageSelect.value as Lang));
    const closeButton = h('button', { class: 'icon-button close-button', attrs: { type: 'button' } }, [
      svgIcon(CLOSE_ICON),
    ]);
    t.attr(closeButton, 'aria-label', (s) => s.close);
    closeButton.hidden = !options.embedded;
    // Shown by CSS only on short viewports once the conversation has started, where the footer's
    // actions fold away behind it so the messages keep the height (keyboard open, 400 % zoom).
    const moreButton = h(
      'button',
      {
        class: 'icon-button more-button',
        attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'chat-footer' },
      },
      [svgIcon(MORE_ICON)],
    );
    t.attr(moreButton, 'aria-label', (s) => s.moreActions);
    moreButton.addEventListener('click', () => {
      const open = moreButton.getAttribute('aria-expanded') !== 'true';
      moreButton.setAttribute('aria-expanded', String(open));
      this.footer.dataset.open = String(open);
    });
    closeButton.addEventListener('click', () => handlers.close());

    const header = h('header', { class: 'chat-header' }, [
      h('div', { class: 'brand' }, [
        h('span', { class: 'avatar', attrs: { 'aria-hidden': 'true' } }, ['A']),
        h('div', { class: 'brand-text' }, [
          t.text(h('h1', { class: 'title' }), (s) => options.title ?? s.title),
          t.text(h('p', { class: 'subtitle' }), (s) => s.subtitle),
        ]),
      ]),
      h('div', { class: 'header-actions' }, [
        t.text(h('label', { class: 'sr-only', attrs: { for: 'chat-lang' } }), (s) => s.language),
        languageSelect,
        moreButton,
        closeButton,
      ]),
    ]);

    this.connectionBanner = h('div', { class: 'banner banner-connection', attrs: { role: 'status' } });
    this.connectionBanner.hidden = true;
    this.handoff = new HandoffPanel(localizer, {
      cancel: () => handlers.cancelClerk(),
      submitTicket: (details) => handlers.submitTicket(details),
    });

    this.list = h('ol', { class: 'messages' });
    this.typingLine = h('p', { class: 'typing', attrs: { 'aria-hidden': 'true' } });
    this.typingLine.hidden = true;
    this.intro = h('div', { class: 'intro' }, [t.text(h('p', {}), (s) => s.intro)]);
    this.log = h('div', { class: 'log', attrs: { tabindex: '0', role: 'region' } }, [
      this.intro,
      this.list,
      this.handoff.ticketCard,
      this.typingLine,
    ]);
    t.attr(this.log, 'aria-label', (s) => s.messages);

    this.suggestions = h('div', { class: 'suggestions', attrs: { role: 'group' } });
    t.attr(this.suggestions, 'aria-label', (s) => s.suggestions);
    this.suggestions.hidden = true;

    this.input = h('textarea', {
      class: 'composer-input',
      attrs: { id: 'chat-input', rows: '1', maxlength: '2000', autocomplete: 'off' },
    });
    t.attr(this.input, 'placeholder', (s) => s.placeholder);
    const sendButton = h('button', { class: 'send-button', attrs: { type: 'submit' } }, [svgIcon(SEND_ICON)]);
    t.attr(sendButton, 'aria-label', (s) => s.send);
    const composer = h('form', { class: 'composer' }, [
      t.text(h('label', { class: 'sr-only', attrs: { for: 'chat-input' } }), (s) => s.inputLabel),
      this.input,
      sendButton,
    ]);
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitInput();
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line; never while an input method is composing a character.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitInput();
      }
    });
    this.input.addEventListener('input', () => {
      this.fitInput();
      if (this.input.value.trim()) handlers.typing();
    });

    this.announcer = h('div', { class: 'sr-only', attrs: { 'aria-live': 'polite', 'aria-atomic': 'false' } });

    this.clerkButton = t.text(
      h('button', { class: 'text-button', attrs: { type: 'button' } }),
      (s) => s.talkToClerk,
    );
    this.clerkButton.addEventListener('click', () => handlers.requestClerk());
    const newButton = h('button', { class: 'text-button', attrs: { type: 'button' } });
    t.bind(newButton, (s, node) => {
      node.textContent = node.dataset.confirm ? s.newConversationConfirm : s.newConversation;
    });
    newButton.addEventListener('click', () => this.confirmNewConversation(newButton));

    const privacyLink = options.privacyUrl
      ? t.text(
          h('a', { attrs: { href: options.privacyUrl, target: '_blank', rel: 'noopener noreferrer' } }),
          (s) => s.privacyLink,
        )
      : null;
    const privacyHint = privacyLink
      ? t.text(h('span', { class: 'sr-only' }), (s) => ` ${s.opensInNewTab}`)
      : null;
    if (privacyLink && privacyHint) privacyLink.append(privacyHint);
    this.privacyLine = h('p', { class: 'privacy' }, [
      t.text(h('span', {}), (s) => `${s.privacy} `),
      privacyLink,
    ]);
    this.footer = h('footer', { class: 'chat-footer', attrs: { id: 'chat-footer' } }, [
      h('div', { class: 'footer-actions' }, [this.clerkButton, newButton]),
      this.privacyLine,
    ]);

    const main = h('main', { class: 'chat-main' }, [
      this.connectionBanner,
      this.handoff.banner,
      this.log,
      this.suggestions,
      composer,
      this.announcer,
    ]);
    this.root = h('div', { class: 'chat' }, [header, main, this.footer]);
    document.body.append(this.root);

    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && options.embedded) {
        event.preventDefault();
        handlers.close();
      }
    });
  }

  focusComposer(): void {
    this.input.focus({ preventScroll: true });
  }

  setConnection(state: ConnectionState, welcomed: boolean): void {
    const s = this.localizer.strings;
    let text = '';
    if (state === 'offline') text = s.offline;
    else if (state === 'failed-version') text = s.versionError;
    else if (state === 'failed-origin') text = s.originError;
    else if (state === 'reconnecting' || (state === 'connecting' && welcomed)) text = s.reconnecting;
    else if (state === 'connecting') text = s.connecting;
    this.connectionBanner.textContent = text;
    this.connectionBanner.hidden = text === '';
    this.connectionBanner.dataset.state = state;
    for (const item of Array.from(this.list.querySelectorAll<HTMLElement>('.msg-pending'))) {
      if (item.dataset.state !== 'failed-too-long') {
        setPendingState(item, state === 'open' ? 'sending' : 'queued', s);
      }
    }
  }

  /** Inserts a stored message at its place; announces it when it is news to the citizen. */
  showMessage(message: ChatMessage, index: number, announce: boolean): void {
    const item = renderMessage(message, {
      localizer: this.localizer,
      feedback: this.ratings.get(message.seq),
      onFeedback: (seq, rating, comment) => {
        this.ratings.set(seq, rating);
        this.handlers.feedback(seq, rating, comment);
      },
    });
    const stored = this.list.querySelectorAll('.msg:not(.msg-pending)');
    const before = stored[index] ?? this.list.querySelector('.msg-pending');
    this.list.insertBefore(item, before);
    this.markStarted(true);
    if (message.from !== 'citizen') this.hideTyping();
    if (announce && message.from !== 'citizen') this.announce(message);
    this.reveal(item, message.from !== 'citizen');
  }

  showPending(entry: OutboxEntry, state: PendingState): void {
    if (this.list.querySelector(`[data-client-msg-id="${CSS.escape(entry.clientMsgId)}"]`)) return;
    const item = renderPending(entry, state, this.localizer);
    this.list.append(item);
    this.markStarted(true);
    this.reveal(item, false);
  }

  removePending(clientMsgId: string): void {
    this.list.querySelector(`.msg-pending[data-client-msg-id="${CSS.escape(clientMsgId)}"]`)?.remove();
  }

  markPendingTooLong(clientMsgId: string): void {
    const item = this.list.querySelector<HTMLElement>(
      `.msg-pending[data-client-msg-id="${CSS.escape(clientMsgId)}"]`,
    );
    if (item) setPendingState(item, 'failed-too-long', this.localizer.strings);
  }

  clearMessages(): void {
    this.list.replaceChildren();
    // The live region keeps the last few announcements; the previous conversation's (perhaps in another
    // language) must not stay in it for a screen reader to read again in the new one.
    this.announcer.replaceChildren();
    this.markStarted(false);
    this.ratings.clear();
    this.setSuggestions([]);
    this.hideTyping();
  }

  setSuggestions(suggestions: Array<{ label: string; value: string }>): void {
    // The chips are replaced (or removed) below: a focused one would drop focus to <body>, so the
    // citizen's focus goes back to the composer, where the conversation continues.
    const hadFocus = this.suggestions.contains(document.activeElement);
    this.suggestions.replaceChildren(
      ...suggestions.map((suggestion) => {
        const button = h('button', { class: 'chip', attrs: { type: 'button' } }, [suggestion.label]);
        button.addEventListener('click', () => {
          this.focusComposer();
          this.handlers.pickSuggestion(suggestion.label, suggestion.value);
        });
        return button;
      }),
    );
    this.suggestions.hidden = suggestions.length === 0;
    if (hadFocus) this.focusComposer();
  }

  showTyping(from: 'bot' | 'clerk', name: string | undefined): void {
    const s = this.localizer.strings;
    this.typingLine.textContent = s.typing(from === 'bot' ? s.bot : (name ?? s.clerkRole));
    this.typingLine.hidden = false;
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.hideTyping(), TYPING_VISIBLE_MS);
    this.scrollToEnd();
  }

  hideTyping(): void {
    window.clearTimeout(this.typingTimer);
    this.typingLine.hidden = true;
  }

  setHandoff(view: HandoffView): void {
    const formWasHidden = this.handoff.ticketCard.hidden;
    this.handoff.update(view);
    this.clerkButton.hidden = !this.handoff.canRequest;
    // The form just appeared: bring its heading into view (the banner above announces why).
    if (formWasHidden && !this.handoff.ticketCard.hidden)
      this.log.scrollTop = this.handoff.ticketCard.offsetTop - 8;
  }

  ticketFailed(reason: 'invalid' | 'error'): void {
    this.handoff.ticketFailed(reason);
  }

  prefillTicket(question: string): void {
    this.handoff.suggestQuestion(question);
  }

  setLanguage(lang: Lang): void {
    document.documentElement.lang = lang;
    this.languageSelect.value = lang;
    this.localizer.switchTo(UI_STRINGS[lang]);
    const banner = this.connectionBanner.dataset.state as ConnectionState | undefined;
    if (banner) this.setConnection(banner, banner !== 'connecting');
  }

  /**
   * Once the conversation has started, the footer collapses to its actions: the privacy notice moves to
   * the top of the conversation (still there when scrolled up), so the messages keep the height.
   */
  private markStarted(started: boolean): void {
    if (started === (this.root.dataset.started === 'true')) return;
    this.root.dataset.started = String(started);
    if (started) this.intro.append(this.privacyLine);
    else this.footer.append(this.privacyLine);
  }

  /** Polite announcement for screen readers: who said it and what (sections and links are in the log). */
  private announce(message: ChatMessage): void {
    const s = this.localizer.strings;
    const who =
      message.from === 'bot' ? s.bot : message.from === 'clerk' ? (message.authorName ?? s.clerkRole) : '';
    const text = message.text.length > 400 ? `${message.text.slice(0, 400)}…` : message.text;
    this.announcer.append(h('p', {}, [who ? `${who}: ${text}` : text]));
    while (this.announcer.childElementCount > MAX_ANNOUNCEMENTS) this.announcer.firstElementChild?.remove();
  }

  private submitInput(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.fitInput();
    this.handlers.send(text);
  }

  private fitInput(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 140)}px`;
  }

  /** New answers are scrolled to their start (long ones are read from the top), the rest to the end. */
  private reveal(item: HTMLElement, fromTop: boolean): void {
    if (fromTop && item.offsetHeight > this.log.clientHeight * 0.8) {
      this.log.scrollTop = item.offsetTop - 8; // the log is the items' offsetParent (position: relative)
    } else {
      this.scrollToEnd();
    }
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private confirmNewConversation(button: HTMLButtonElement): void {
    const s = this.localizer.strings;
    if (button.dataset.confirm) {
      delete button.dataset.confirm;
      button.textContent = s.newConversation;
      window.clearTimeout(this.confirmTimer);
      this.handlers.newConversation();
      return;
    }
    // Two steps, so that a stray click does not drop the conversation.
    button.dataset.confirm = '1';
    button.textContent = s.newConversationConfirm;
    this.confirmTimer = window.setTimeout(() => {
      delete button.dataset.confirm;
      button.textContent = this.localizer.strings.newConversation;
    }, 6_000);
  }
}

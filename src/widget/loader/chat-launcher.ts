import { CHAT_ICON, svgIcon } from '../shared/svg-icon.js';
import { readFrameToHost, wrap, type HostToFrame } from '../shared/host-frame-messages.js';
import { frameUrl, type LoaderOptions, type WidgetLang } from './loader-options.js';
import { LOADER_STRINGS } from './loader-strings.js';
import { loaderStyles } from './loader-styles.js';

/** Remembers, per tab, that the citizen had the chat open, so it stays open on the next page of the site. */
const OPEN_KEY = 'antonia-widget:open';
/** The language the frame last reported, per tab, so the launcher on the next page is in it already. */
const LANG_KEY = 'antonia-widget:lang';
/** Without a `ready` from the frame by then, the frame is blocked or down: say so instead of a blank box. */
const FRAME_READY_TIMEOUT_MS = 15_000;

export interface ChatLauncher {
  open(): void;
  close(): void;
  toggle(): void;
}

/**
 * The launcher button and the panel that holds the chat frame, in a Shadow DOM on the host page.
 * The frame (and with it the chat code, the socket and the conversation token) is only loaded when the
 * citizen first opens the chat.
 */
export function mountChatLauncher(initial: LoaderOptions): ChatLauncher {
  let options: LoaderOptions = { ...initial, lang: recalledLang() ?? initial.lang };
  // A custom element name, so that the page's `div { … }` rules do not match the host element, and an
  // important reset set through CSSOM (allowed under any CSP), which outranks even the page's !important.
  const host = document.createElement('antonia-widget');
  host.style.setProperty('all', 'initial', 'important');
  const shadow = host.attachShadow({ mode: 'open' });

  const style = document.createElement('style');
  style.textContent = loaderStyles(options);

  const root = document.createElement('div');
  root.className = 'root';

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'antonia-panel');
  const label = document.createElement('span');
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  const unreadText = document.createElement('span');
  unreadText.className = 'sr';
  launcher.append(svgIcon(CHAT_ICON), label, badge, unreadText);

  const panel = document.createElement('div');
  panel.id = 'antonia-panel';
  panel.className = 'panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  const unavailable = document.createElement('p');
  unavailable.className = 'unavailable';
  unavailable.hidden = true;
  panel.append(unavailable);

  // Launcher first: Tab from it goes straight into the open panel, Shift+Tab from the panel comes back.
  root.append(launcher, panel);
  shadow.append(style, root);
  document.body.append(host);

  let frame: HTMLIFrameElement | undefined;
  let frameReady = false;
  let pending: HostToFrame[] = [];
  let isOpen = false;
  let unread = 0;

  /** Every word the host page shows, in the chat's current language. */
  const applyLanguage = () => {
    const strings = LOADER_STRINGS[options.lang];
    host.setAttribute('lang', options.lang);
    label.textContent = strings.launcher;
    panel.setAttribute('aria-label', options.title ?? strings.panel);
    unavailable.textContent = strings.unavailable;
    if (frame) frame.title = strings.frameTitle;
    unreadText.textContent = unread === 0 ? '' : ` (${strings.unread(unread)})`;
  };

  const post = (message: HostToFrame) => {
    if (!frame?.contentWindow || !frameReady) {
      pending.push(message);
      return;
    }
    frame.contentWindow.postMessage(wrap(message), options.serviceOrigin);
  };

  const setUnread = (count: number) => {
    unread = count;
    badge.hidden = count === 0;
    badge.textContent = String(count);
    unreadText.textContent = count === 0 ? '' : ` (${LOADER_STRINGS[options.lang].unread(count)})`;
  };

  const ensureFrame = () => {
    if (frame) return;
    frame = document.createElement('iframe');
    frame.title = LOADER_STRINGS[options.lang].frameTitle;
    frame.src = frameUrl(options, window.location.origin);
    frame.setAttribute('allow', 'clipboard-write');
    frame.referrerPolicy = 'origin';
    panel.prepend(frame);
    window.setTimeout(() => {
      if (!frameReady) unavailable.hidden = false;
    }, FRAME_READY_TIMEOUT_MS);
  };

  window.addEventListener('message', (event) => {
    // Only the frame we created, from the service's origin, speaking our namespace.
    if (!frame || event.source !== frame.contentWindow || event.origin !== options.serviceOrigin) return;
    const message = readFrameToHost(event.data);
    if (!message) return;
    if (message.type === 'ready') {
      frameReady = true;
      unavailable.hidden = true;
      const queued = pending;
      pending = [];
      queued.forEach(post);
    } else if (message.type === 'close') {
      close();
    } else if (message.type === 'lang') {
      if (message.lang === options.lang) return;
      options = { ...options, lang: message.lang };
      rememberLang(message.lang);
      applyLanguage();
    } else {
      setUnread(isOpen ? 0 : message.count);
    }
  });

  function open(): void {
    if (isOpen) return;
    ensureFrame();
    isOpen = true;
    panel.hidden = false;
    root.classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
    setUnread(0);
    remember(true);
    frame?.focus();
    post({ type: 'opened' });
  }

  function close(): void {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    root.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    remember(false);
    post({ type: 'closed' });
    launcher.focus();
  }

  applyLanguage();
  launcher.addEventListener('click', () => (isOpen ? close() : open()));
  // Escape while focus is still on the launcher (inside the frame, the frame handles it and asks to close).
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      close();
    }
  });

  if (options.startOpen || recalled()) {
    // Opened on load without a user gesture: show it, but do not steal focus from the page.
    ensureFrame();
    isOpen = true;
    panel.hidden = false;
    root.classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
  }

  return { open, close, toggle: () => (isOpen ? close() : open()) };
}

function remember(open: boolean): void {
  try {
    if (open) sessionStorage.setItem(OPEN_KEY, '1');
    else sessionStorage.removeItem(OPEN_KEY);
  } catch {
    // Storage blocked by the browser's privacy settings: the panel just starts closed on the next page.
  }
}

function rememberLang(lang: WidgetLang): void {
  try {
    sessionStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage blocked: the launcher starts in the page's language on the next page.
  }
}

function recalledLang(): WidgetLang | undefined {
  try {
    const stored = sessionStorage.getItem(LANG_KEY);
    return stored === 'ro' || stored === 'en' || stored === 'hu' ? stored : undefined;
  } catch {
    return undefined;
  }
}

function recalled(): boolean {
  try {
    return sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

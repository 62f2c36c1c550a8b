import { CHAT_ICON, svgIcon } from '../shared/svg-icon.js';
import { readFrameToHost, wrap, type HostToFrame } from '../shared/host-frame-messages.js';
import { frameUrl, type LoaderOptions } from './loader-options.js';
import { LOADER_STRINGS } from './loader-strings.js';
import { loaderStyles } from './loader-styles.js';

/** Remembers, per tab, that the citizen had the chat open, so it stays open on the next page of the site. */
const OPEN_KEY = 'antonia-widget:open';
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
export function mountChatLauncher(options: LoaderOptions): ChatLauncher {
  const strings = LOADER_STRINGS[options.lang];
  // A custom element name, so that the page's `div { … }` rules do not match the host element, and an
  // important reset set through CSSOM (allowed under any CSP), which outranks even the page's !important.
  const host = document.createElement('antonia-widget');
  host.setAttribute('lang', options.lang);
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
  label.textContent = strings.launcher;
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
  panel.setAttribute('aria-label', options.title ?? strings.panel);
  const unavailable = document.createElement('p');
  unavailable.className = 'unavailable';
  unavailable.hidden = true;
  unavailable.textContent = strings.unavailable;
  panel.append(unavailable);

  // Launcher first: Tab from it goes straight into the open panel, Shift+Tab from the panel comes back.
  root.append(launcher, panel);
  shadow.append(style, root);
  document.body.append(host);

  let frame: HTMLIFrameElement | undefined;
  let frameReady = false;
  let pending: HostToFrame[] = [];
  let isOpen = false;

  const post = (message: HostToFrame) => {
    if (!frame?.contentWindow || !frameReady) {
      pending.push(message);
      return;
    }
    frame.contentWindow.postMessage(wrap(message), options.serviceOrigin);
  };

  const setUnread = (count: number) => {
    badge.hidden = count === 0;
    badge.textContent = String(count);
    unreadText.textContent = count === 0 ? '' : ` (${strings.unread(count)})`;
  };

  const ensureFrame = () => {
    if (frame) return;
    frame = document.createElement('iframe');
    frame.title = strings.frameTitle;
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

function recalled(): boolean {
  try {
    return sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

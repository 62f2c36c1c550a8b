import { mountChatLauncher, type ChatLauncher } from './chat-launcher.js';
import { readLoaderOptions } from './loader-options.js';

declare global {
  interface Window {
    /** The three-function public API, for a page's own "Chat with us" links. */
    AntoniaWidget?: ChatLauncher;
  }
}

/**
 * widget.js: the one tag the city's pages embed,
 *   <script src="https://<service>/widget.js" data-lang="ro" async></script>
 * It reads its data- attributes and adds the launcher; everything else loads when the chat is opened.
 */
function findOwnScript(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  // currentScript is null when the bundle runs from a callback; fall back to the tag that loaded widget.js.
  const scripts = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'));
  return scripts.find((script) => /\/widget\.js(?:[?#]|$)/.test(script.src));
}

function start(script: HTMLScriptElement): void {
  if (window.AntoniaWidget) return; // the tag was included twice
  const options = readLoaderOptions(script.dataset, script.src, document.documentElement.lang);
  window.AntoniaWidget = mountChatLauncher(options);
}

const script = findOwnScript();
if (script) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
}

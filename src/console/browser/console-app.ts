import { ApiError, ConsoleApi } from './api-client.js';
import type { Clerk } from '../../protocol/console-api.js';
import { ConsoleStore } from './console-store.js';
import { h, replaceChildren } from './element.js';
import { renderLogin } from './login-view.js';
import { setUiLang, t, uiLang } from './ui-strings.js';
import { mountWorkspace } from './workspace.js';

/**
 * Starts the console: asks the service whether a session exists, then shows the sign-in screen or the
 * workspace, and goes back to the sign-in screen whenever the session ends.
 */
export function startConsole(root: HTMLElement): void {
  setUiLang(uiLang());
  let unmount: (() => void) | null = null;
  let signedOutNotice: string | undefined;

  // Several requests may find the session gone at once; the sign-in screen is shown once.
  const api = new ConsoleApi(() => {
    if (unmount) showLogin(t('sessionEnded'));
  });

  const showLogin = (notice?: string) => {
    unmount?.();
    unmount = null;
    signedOutNotice = notice;
    renderLogin(root, {
      api,
      notice: signedOutNotice,
      onLoggedIn: (clerk) => showWorkspace(clerk),
      rerender: () => showLogin(signedOutNotice),
    });
  };

  const showWorkspace = (clerk: Clerk) => {
    unmount?.();
    const store = new ConsoleStore();
    store.me = clerk;
    unmount = mountWorkspace(root, { api, store, signedOut: (notice) => showLogin(notice) });
    root.querySelector<HTMLElement>('#mine-title')?.focus();
  };

  api
    .session()
    .then((clerk) => (clerk ? showWorkspace(clerk) : showLogin()))
    .catch((failure: unknown) => {
      const text =
        failure instanceof ApiError && failure.code !== 'network' ? failure.message : t('networkError');
      replaceChildren(
        root,
        h(
          'main',
          { id: 'main', class: 'boot', tabindex: '-1' },
          h('p', { class: 'notice notice-error', role: 'alert' }, text),
          h(
            'button',
            { type: 'button', class: 'button', on: { click: () => window.location.reload() } },
            t('refresh'),
          ),
        ),
      );
    });
}

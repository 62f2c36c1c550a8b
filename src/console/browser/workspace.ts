import { alertNow, announce } from './announcer.js';
import type { ConsoleApi } from './api-client.js';
import { createAccountsView } from './accounts-view.js';
import { createAuditView } from './audit-view.js';
import { parseRoute, type ConsoleContext, type Route } from './console-context.js';
import { ConsoleLive, type LiveNotices } from './console-live.js';
import type { ConsoleStore } from './console-store.js';
import { createConversationsView, type ConversationsView } from './conversations-view.js';
import { h, replaceChildren } from './element.js';
import { departmentName } from './queue-sidebar.js';
import { createTicketsView } from './tickets-view.js';
import { createTopBar, type TopBar } from './top-bar.js';
import { t } from './ui-strings.js';
import { startWaitingClock } from './waiting-clock.js';

export interface WorkspaceOptions {
  api: ConsoleApi;
  store: ConsoleStore;
  /** The session ended (logout, expiry, deactivation): back to the sign-in screen. */
  signedOut(notice?: string): void;
}

const DEPARTMENTS_REFRESH_MS = 60_000;

interface View {
  element: HTMLElement;
  dispose(): void;
}

/** The signed-in console: top bar, the view of the current route, and the live connection behind them. */
export function mountWorkspace(root: HTMLElement, options: WorkspaceOptions): () => void {
  const { api, store } = options;
  let ended = false;
  const end = (notice?: string) => {
    if (ended) return;
    ended = true;
    dispose();
    options.signedOut(notice);
  };

  const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);
  const notices: LiveNotices = {
    announce,
    newCitizenMessage: (conversation, message, isOpen) => {
      if (isOpen) announce(t('newCitizenMessageOpen', { text: message.text.slice(0, 300) }));
      else if (conversation && store.isMine(conversation)) {
        announce(t('newCitizenMessageOther', { question: excerpt(conversation.summary.question) }));
      }
    },
    newInQueue: (conversation) =>
      announce(
        t('newInQueue', {
          department: departmentName(context, conversation.department),
          question: excerpt(conversation.summary.question),
        }),
      ),
    assignedToMe: (conversation) =>
      announce(t('assignedToMe', { question: excerpt(conversation.summary.question) })),
    ticketLeft: (number) => announce(t('ticketLeft', { number })),
    frameRefused: (code) => {
      if (code !== 'network') alertNow(t('frameRefused', { code }));
    },
    sessionEnded: () => end(t('sessionEnded')),
  };
  const live = new ConsoleLive(store, api, notices);

  const context: ConsoleContext = {
    api,
    store,
    live,
    navigate: (route) => {
      window.location.hash = route;
    },
    rerender: () => build(parseRoute(window.location.hash)),
    logout: () => {
      api
        .logout()
        .catch(() => undefined) // Signed out on this screen either way.
        .finally(() => end());
    },
  };

  const main = h('main', { id: 'main', class: 'workspace-main', tabindex: '-1' });
  let topBar: TopBar | null = null;
  let view: View | null = null;
  let conversationsView: ConversationsView | null = null;

  /** Builds everything again (first show, language switch). */
  function build(route: Route): void {
    disposeView();
    topBar?.dispose();
    topBar = createTopBar(context);
    replaceChildren(root, h('div', { class: 'workspace' }, topBar.element, main));
    show(route, false);
  }

  function disposeView(): void {
    view?.dispose();
    view = null;
    conversationsView = null;
  }

  function show(route: Route, moveFocus = true): void {
    const allowed =
      route.view === 'conversations' ||
      route.view === 'tickets' ||
      (route.view === 'audit' && store.isSupervisor()) ||
      (route.view === 'accounts' && store.isAdmin());
    if (!allowed) {
      context.navigate('#/conversations');
      return;
    }
    topBar?.setRoute(route.view);
    if (route.view === 'conversations') {
      if (!conversationsView) {
        disposeView();
        conversationsView = createConversationsView(context);
        view = conversationsView;
        replaceChildren(main, conversationsView.element);
      }
      conversationsView.show(route.conversationId);
      if (!route.conversationId && moveFocus) main.querySelector<HTMLElement>('#conversation-title')?.focus();
      return;
    }
    disposeView();
    view =
      route.view === 'tickets'
        ? createTicketsView(context)
        : route.view === 'audit'
          ? createAuditView(context, route.conversationId)
          : createAccountsView(context);
    replaceChildren(main, view.element);
    if (moveFocus) main.querySelector<HTMLElement>('#page-title')?.focus();
  }

  const onHashChange = () => show(parseRoute(window.location.hash));
  window.addEventListener('hashchange', onHashChange);
  const stopClock = startWaitingClock(store);

  build(parseRoute(window.location.hash));
  const loadDepartments = () =>
    api
      .departments()
      .then(({ departments }) => {
        store.departments = departments;
        store.emit('departments');
      })
      .catch(() => undefined); // Queue frames still arrive; names fall back to department ids.
  void loadDepartments();
  // Queue frames carry the live counts, but a colleague's presence expiring sends no frame.
  const departmentsTimer = window.setInterval(loadDepartments, DEPARTMENTS_REFRESH_MS);
  live.start();

  function dispose(): void {
    window.removeEventListener('hashchange', onHashChange);
    window.clearInterval(departmentsTimer);
    stopClock();
    live.stop();
    disposeView();
    topBar?.dispose();
    store.clearListeners();
  }
  return () => {
    ended = true;
    dispose();
  };
}

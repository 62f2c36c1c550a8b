import { alertNow, announce } from './announcer.js';
import type { ConsoleContext, Route } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { languageSwitch } from './language-switch.js';
import { t, tData, type StringKey } from './ui-strings.js';

export interface TopBar {
  element: HTMLElement;
  /** Marks the current section in the navigation. */
  setRoute(view: Route['view']): void;
  dispose(): void;
}

/** The bar above every view: sections, availability, connection state, who is signed in, language, sign-out. */
export function createTopBar(context: ConsoleContext): TopBar {
  let current: Route['view'] = 'conversations';
  const { store } = context;
  const nav = h('ul', { class: 'nav-list' });
  const connection = h('span', { class: 'connection', role: 'status' });
  const availability = h('div', { class: 'availability' });
  const user = h('span', { class: 'user' });

  const renderNav = () => {
    const items: Array<{ route: string; view: Route['view']; label: StringKey; badge?: number }> = [
      { route: '#/conversations', view: 'conversations', label: 'navConversations' },
      { route: '#/tickets', view: 'tickets', label: 'navTickets', badge: store.newTickets.length },
    ];
    if (store.isSupervisor()) items.push({ route: '#/audit', view: 'audit', label: 'navAudit' });
    if (store.isAdmin()) items.push({ route: '#/accounts', view: 'accounts', label: 'navAccounts' });
    replaceChildren(
      nav,
      items.map((item) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: item.route, class: 'nav-link', 'aria-current': item.view === current ? 'page' : null },
            t(item.label),
            item.badge
              ? h('span', { class: 'badge' }, ' ', t('newTicketsBadge', { count: item.badge }))
              : null,
          ),
        ),
      ),
    );
  };

  const renderConnection = () => {
    const key: StringKey =
      store.connection === 'online'
        ? 'connectionOnline'
        : store.connection === 'reconnecting'
          ? 'connectionReconnecting'
          : 'connectionConnecting';
    connection.dataset.state = store.connection;
    // Online is the normal state: a dot says it; anything else is spelled out where everyone sees it.
    replaceChildren(
      connection,
      h('span', { class: 'connection-dot', 'aria-hidden': 'true' }),
      h('span', { class: store.connection === 'online' ? 'visually-hidden' : 'connection-text' }, t(key)),
    );
  };

  const renderMe = () => {
    const me = store.me;
    if (!me) return;
    const isAvailable = me.availability === 'available';
    const toggle = h(
      'button',
      {
        type: 'button',
        role: 'switch',
        class: 'switch',
        'aria-checked': isAvailable ? 'true' : 'false',
        'aria-labelledby': 'availability-label',
        'aria-describedby': 'availability-state',
      },
      h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })),
    );
    toggle.addEventListener('click', () => {
      toggle.disabled = true;
      const next = isAvailable ? 'away' : 'available';
      context.api
        .setAvailability(next)
        .then(({ clerk }) => {
          store.me = clerk;
          store.emit('me');
          announce(t('availabilityChanged', { state: t(next) }));
          document.querySelector<HTMLElement>('.availability .switch')?.focus();
        })
        .catch((failure: unknown) => {
          toggle.disabled = false;
          alertNow(describeError(failure));
        });
    });
    replaceChildren(
      availability,
      h('span', { id: 'availability-label', class: 'availability-label' }, t('availability')),
      toggle,
      h(
        'span',
        { id: 'availability-state', class: `availability-state ${isAvailable ? 'is-available' : 'is-away'}` },
        t(isAvailable ? 'available' : 'away'),
      ),
    );
    replaceChildren(user, t('userSummary', { name: me.name, role: tData('role', me.role) }));
  };

  const logout = h('button', { type: 'button', class: 'button button-quiet' }, t('logout'));
  logout.addEventListener('click', () => context.logout());

  const bar = h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'A'),
      h(
        'h1',
        { class: 'brand-text' },
        h('span', { class: 'brand-name' }, 'ANTONIA'),
        ' ',
        h('span', { class: 'brand-sub' }, t('appTitle')),
      ),
    ),
    h('nav', { class: 'nav', 'aria-label': t('navLabel') }, nav),
    h(
      'div',
      { class: 'topbar-tools' },
      availability,
      connection,
      user,
      languageSwitch(context.rerender),
      logout,
    ),
  );

  renderNav();
  renderConnection();
  renderMe();
  const subscriptions = [
    store.on('me', () => {
      renderMe();
      renderNav();
    }),
    store.on('connection', renderConnection),
    store.on('tickets', renderNav),
  ];
  return {
    element: bar,
    setRoute: (view) => {
      current = view;
      renderNav();
    },
    dispose: () => subscriptions.forEach((off) => off()),
  };
}

import { alertNow, announce } from './announcer.js';
import type { Ticket } from '../../protocol/console-api.js';
import { conversationRoute, type ConsoleContext } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { field } from './modal-dialog.js';
import { departmentName } from './queue-sidebar.js';
import { formatDateTime } from './time-format.js';
import { t, tData } from './ui-strings.js';

/** Messages citizens left when nobody could answer live, newest first, with a way to mark them handled. */
export function createTicketsView(context: ConsoleContext): { element: HTMLElement; dispose(): void } {
  const { store, api } = context;
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: 'open' }, t('ticketsOpen')),
    h('option', { value: 'closed' }, t('ticketsClosed')),
  );
  const department = h(
    'select',
    { name: 'department' },
    h('option', { value: '' }, t('allDepartments')),
    store.departments.map((d) => h('option', { value: d.id }, departmentName(context, d.id))),
  );
  const body = h('div', { class: 'table-wrap' });
  const filters = h(
    'form',
    { class: 'filters' },
    field(t('ticketsStatus'), status),
    field(t('department'), department),
    h('button', { type: 'submit', class: 'button' }, t('apply')),
  );

  const load = () => {
    body.setAttribute('aria-busy', 'true');
    api
      .tickets(status.value === 'closed' ? 'closed' : 'open', department.value || undefined)
      .then(({ items }) =>
        replaceChildren(body, items.length === 0 ? h('p', { class: 'empty' }, t('noTickets')) : table(items)),
      )
      .catch((failure: unknown) =>
        replaceChildren(
          body,
          h('p', { class: 'notice notice-error', role: 'alert' }, describeError(failure)),
        ),
      )
      .finally(() => body.removeAttribute('aria-busy'));
  };

  const table = (tickets: Ticket[]) =>
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'visually-hidden' }, t('ticketsTitle')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            t('ticketNumber'),
            t('ticketDate'),
            t('department'),
            t('ticketName'),
            t('ticketContact'),
            t('ticketQuestion'),
            t('ticketActions'),
          ].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h(
        'tbody',
        {},
        tickets.map((ticket) => row(ticket)),
      ),
    );

  const row = (ticket: Ticket) => {
    let action: HTMLElement;
    if (ticket.status === 'open') {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'button button-small',
          'aria-label': t('ticketCloseNamed', { number: ticket.number }),
        },
        t('ticketClose'),
      );
      button.addEventListener('click', () => {
        button.disabled = true;
        api
          .closeTicket(ticket.number)
          .then(() => {
            announce(t('ticketClosedDone', { number: ticket.number }));
            load();
          })
          .catch((failure: unknown) => {
            button.disabled = false;
            alertNow(describeError(failure));
          });
      });
      action = button;
    } else {
      action = h(
        'span',
        { class: 'muted' },
        t('ticketClosedBy', {
          name: ticket.closedBy?.name ?? t('system'),
          time: ticket.closedAt ? formatDateTime(ticket.closedAt) : '',
        }),
      );
    }
    return h(
      'tr',
      {},
      h('th', { scope: 'row', class: 'nowrap' }, ticket.number),
      h('td', { class: 'nowrap' }, formatDateTime(ticket.createdAt)),
      h('td', {}, departmentName(context, ticket.department)),
      h('td', {}, ticket.name),
      h('td', { class: 'break' }, ticket.contact),
      h(
        'td',
        { class: 'prewrap' },
        h('span', { lang: ticket.lang }, ticket.question),
        h('span', { class: 'muted' }, ` (${tData('lang', ticket.lang)})`),
        ticket.conversationId
          ? h(
              'span',
              {},
              ' · ',
              h('a', { href: conversationRoute(ticket.conversationId) }, t('ticketConversation')),
            )
          : null,
      ),
      h('td', {}, action),
    );
  };

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  const element = h(
    'section',
    { class: 'page', 'aria-labelledby': 'page-title' },
    h(
      'div',
      { class: 'page-head' },
      h('h2', { id: 'page-title', tabindex: '-1' }, t('ticketsTitle')),
      filters,
    ),
    body,
  );
  load();
  store.newTickets = [];
  store.emit('tickets');
  const off = store.on('tickets', () => {
    if (store.newTickets.length === 0) return;
    store.newTickets = [];
    store.emit('tickets');
    if (status.value === 'open') load();
  });
  return { element, dispose: off };
}

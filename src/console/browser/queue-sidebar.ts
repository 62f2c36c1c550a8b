import { alertNow, announce } from './announcer.js';
import { ApiError } from './api-client.js';
import type { ConsoleConversation, Department } from '../../protocol/console-api.js';
import { conversationRoute, type ConsoleContext } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { formatPercent } from './time-format.js';
import { t, tData, uiLang } from './ui-strings.js';
import { waitingSince } from './waiting-clock.js';

/**
 * The left column: my conversations, then the waiting queue of each visible department (all of them
 * for supervisors), then — for supervisors — the chats colleagues are handling. Rebuilt on every change;
 * focus is put back on the same control (by its data-focus-key) so a live update never steals it.
 */
export function createQueueSidebar(context: ConsoleContext): { element: HTMLElement; dispose(): void } {
  const { store } = context;
  const aside = h('aside', { class: 'sidebar', 'aria-label': t('sidebarLabel') });

  const render = () => {
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
    const focusInside = aside.contains(document.activeElement);
    replaceChildren(aside, mineSection(context), queuesSection(context), colleaguesSection(context));
    if (focusInside && focusKey) {
      const again = aside.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      (again ?? aside.querySelector<HTMLElement>('h2'))?.focus();
    }
  };
  render();
  const subscriptions = [
    store.on('queues', render),
    store.on('conversations', render),
    store.on('departments', render),
  ];
  return { element: aside, dispose: () => subscriptions.forEach((off) => off()) };
}

function mineSection(context: ConsoleContext): HTMLElement {
  const { store } = context;
  const mine = store.mine();
  return h(
    'section',
    { class: 'sidebar-section', 'aria-labelledby': 'mine-title' },
    h(
      'h2',
      { id: 'mine-title', class: 'sidebar-title', tabindex: '-1' },
      t('myConversations'),
      h('span', { class: 'count' }, String(mine.length)),
    ),
    mine.length === 0
      ? h('p', { class: 'empty' }, t('noMine'))
      : h(
          'ul',
          { class: 'conv-list' },
          mine.map((conversation) => assignedCard(context, conversation)),
        ),
  );
}

function colleaguesSection(context: ConsoleContext): HTMLElement | null {
  const { store } = context;
  if (!store.isSupervisor()) return null;
  const list = store.withColleagues();
  return h(
    'section',
    { class: 'sidebar-section', 'aria-labelledby': 'colleagues-title' },
    h(
      'h2',
      { id: 'colleagues-title', class: 'sidebar-title' },
      t('withColleagues'),
      h('span', { class: 'count' }, String(list.length)),
    ),
    list.length === 0
      ? null
      : h(
          'ul',
          { class: 'conv-list' },
          list.map((conversation) => assignedCard(context, conversation)),
        ),
  );
}

function assignedCard(context: ConsoleContext, conversation: ConsoleConversation): HTMLElement {
  const { store } = context;
  const active = store.openConversationId === conversation.conversationId;
  const unread = !active && store.hasUnread(conversation);
  return h(
    'li',
    { class: `conv-card${active ? ' is-active' : ''}${unread ? ' has-unread' : ''}` },
    h(
      'a',
      {
        class: 'conv-link',
        href: conversationRoute(conversation.conversationId),
        'aria-current': active ? 'true' : null,
        'data-focus-key': `open:${conversation.conversationId}`,
      },
      quote(conversation.summary.question),
    ),
    h(
      'p',
      { class: 'conv-meta' },
      unread ? h('span', { class: 'unread' }, t('newMessages')) : null,
      h('span', {}, departmentName(context, conversation.department)),
      h(
        'span',
        { class: 'lang-badge' },
        h('span', { 'aria-hidden': 'true' }, conversation.lang.toUpperCase()),
        h(
          'span',
          { class: 'visually-hidden' },
          `${t('citizenLanguage')}: ${tData('lang', conversation.lang)}`,
        ),
      ),
      conversation.clerk && !store.isMine(conversation) ? h('span', {}, conversation.clerk.name) : null,
    ),
  );
}

function queuesSection(context: ConsoleContext): HTMLElement {
  const { store } = context;
  const ids = new Set([...store.departments.map((d) => d.id), ...store.queues.keys()]);
  const departments = [...ids].map((id) => ({
    id,
    department: store.departments.find((d) => d.id === id),
    items: store.queues.get(id) ?? [],
  }));
  // General queue first, then departments with people waiting, then by name.
  departments.sort(
    (a, b) =>
      Number(b.department?.general ?? false) - Number(a.department?.general ?? false) ||
      Number(b.items.length > 0) - Number(a.items.length > 0) ||
      departmentName(context, a.id).localeCompare(departmentName(context, b.id), uiLang()),
  );
  const busy = departments.filter(
    (d) => d.items.length > 0 || d.department?.general || !store.isSupervisor(),
  );
  const quiet = departments.filter((d) => !busy.includes(d));
  return h(
    'section',
    { class: 'sidebar-section', 'aria-labelledby': 'queues-title' },
    h('h2', { id: 'queues-title', class: 'sidebar-title' }, t(store.isSupervisor() ? 'allQueues' : 'queues')),
    busy.map((d) => queueBlock(context, d.id, d.department, d.items)),
    quiet.length > 0
      ? h(
          'details',
          { class: 'quiet-queues' },
          h('summary', {}, t('quietQueues', { count: quiet.length })),
          quiet.map((d) => queueBlock(context, d.id, d.department, d.items)),
        )
      : null,
  );
}

function queueBlock(
  context: ConsoleContext,
  id: string,
  department: Department | undefined,
  items: ConsoleConversation[],
): HTMLElement {
  const titleId = `queue-${id}`;
  return h(
    'section',
    { class: 'queue', 'data-department': id, 'aria-labelledby': titleId },
    h(
      'h3',
      { id: titleId, class: 'queue-title' },
      h('span', { class: 'queue-name' }, departmentName(context, id)),
      h(
        'span',
        { class: `queue-count${items.length > 0 ? ' is-busy' : ''}` },
        t('waitingCount', { count: items.length }),
      ),
    ),
    department
      ? h(
          'p',
          { class: 'queue-meta' },
          t('clerksAvailable', { count: department.availableClerks }),
          department.openNow ? null : h('span', { class: 'closed-tag' }, t('departmentClosed')),
        )
      : null,
    items.length === 0
      ? h('p', { class: 'empty' }, t('queueEmpty'))
      : h(
          'ul',
          { class: 'conv-list' },
          items.map((item) => waitingCard(context, item)),
        ),
  );
}

function waitingCard(context: ConsoleContext, conversation: ConsoleConversation): HTMLElement {
  const { store } = context;
  const { summary } = conversation;
  const question = quote(summary.question);
  const claim = h(
    'button',
    {
      type: 'button',
      class: 'button button-primary button-small',
      'aria-label': t('claimConversation', { question: summary.question }),
      'data-focus-key': `claim:${conversation.conversationId}`,
    },
    t('claim'),
  );
  claim.addEventListener('click', () => {
    claim.disabled = true;
    claimConversation(context, conversation.conversationId).finally(() => {
      if (claim.isConnected) claim.disabled = false;
    });
  });
  const percent = formatPercent(summary.confidence);
  const active = store.openConversationId === conversation.conversationId;
  return h(
    'li',
    {
      class: `conv-card is-waiting${active ? ' is-active' : ''}`,
      'data-conversation-id': conversation.conversationId,
    },
    h('p', { class: 'conv-question', lang: summary.lang }, question),
    h(
      'p',
      { class: 'conv-meta' },
      conversation.queuedAt ? waitingSince(store, conversation.queuedAt) : null,
      conversation.position !== null
        ? h('span', {}, t('position', { position: conversation.position }))
        : null,
      h(
        'span',
        { class: 'lang-badge' },
        h('span', { 'aria-hidden': 'true' }, summary.lang.toUpperCase()),
        h('span', { class: 'visually-hidden' }, `${t('citizenLanguage')}: ${tData('lang', summary.lang)}`),
      ),
    ),
    h(
      'p',
      { class: 'conv-meta' },
      h(
        'span',
        {},
        t('procedureShort', { title: summary.procedureTitle ?? summary.procedureSlug ?? t('noProcedure') }),
      ),
      percent !== null ? h('span', {}, t('confidenceValue', { percent })) : null,
    ),
    h('p', { class: 'conv-meta' }, h('span', {}, tData('reason', summary.reason))),
    h(
      'div',
      { class: 'conv-card-actions' },
      h(
        'a',
        {
          class: 'button button-small',
          href: conversationRoute(conversation.conversationId),
          'aria-label': t('openConversation', { question: summary.question }),
          'data-focus-key': `open:${conversation.conversationId}`,
        },
        t('open'),
      ),
      claim,
    ),
  );
}

/** Claims a waiting conversation and opens it with the reply box focused. */
export async function claimConversation(context: ConsoleContext, conversationId: string): Promise<void> {
  const { store, api } = context;
  try {
    const { conversation } = await api.claim(conversationId);
    // The panel puts the focus in the reply box once the conversation is on screen.
    store.focusComposerFor = conversationId;
    store.upsertConversation(conversation, true);
    for (const [department, items] of store.queues) {
      store.queues.set(
        department,
        items.filter((item) => item.conversationId !== conversationId),
      );
    }
    store.emit('queues');
    store.emit('conversations');
    announce(t('claimed'));
    const route = conversationRoute(conversationId);
    if (window.location.hash !== route) context.navigate(route);
  } catch (failure) {
    const conflict = failure instanceof ApiError && failure.code === 'conflict';
    alertNow(conflict ? t('claimConflict') : describeError(failure));
  }
}

export function departmentName(context: ConsoleContext, id: string): string {
  const department = context.store.departments.find((d) => d.id === id);
  if (!department) return id;
  return uiLang() === 'en' ? department.name.en : department.name.ro;
}

function quote(text: string): string {
  const short = text.length > 140 ? `${text.slice(0, 137)}…` : text;
  return uiLang() === 'ro' ? `„${short}”` : `“${short}”`;
}

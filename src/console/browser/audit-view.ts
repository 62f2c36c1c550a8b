import type { AuditEntry, Clerk } from '../../protocol/console-api.js';
import { conversationRoute, type ConsoleContext } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { field } from './modal-dialog.js';
import { formatDateTime } from './time-format.js';
import { t, tData } from './ui-strings.js';

const PAGE = 100;

/** Who viewed, claimed, replied to, transferred and closed what, and account changes (supervisors). */
export function createAuditView(
  context: ConsoleContext,
  conversationId: string | null,
): { element: HTMLElement; dispose(): void } {
  const { api } = context;
  const conversation = h('input', {
    type: 'text',
    name: 'conversationId',
    spellcheck: 'false',
    value: conversationId ?? '',
  });
  const clerk = h('select', { name: 'clerkId' }, h('option', { value: '' }, t('everyone')));
  const tbody = h('tbody');
  const status = h('div', { class: 'table-status' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, t('olderEntries'));
  let clerks: Clerk[] = [];
  let lastId: number | null = null;

  const clerkName = (id: string | null) =>
    id ? (clerks.find((c) => c.id === id)?.name ?? id.slice(0, 8)) : '';

  const load = (append: boolean) => {
    if (!append) {
      lastId = null;
      tbody.replaceChildren();
    }
    replaceChildren(status);
    api
      .audit({
        conversationId: conversation.value.trim() || undefined,
        clerkId: clerk.value || undefined,
        before: append && lastId !== null ? lastId : undefined,
        limit: PAGE,
      })
      .then(({ items }) => {
        for (const entry of items) tbody.appendChild(row(entry));
        lastId = items.at(-1)?.id ?? lastId;
        more.hidden = items.length < PAGE;
        if (!append && items.length === 0) replaceChildren(status, h('p', { class: 'empty' }, t('noAudit')));
      })
      .catch((failure: unknown) =>
        replaceChildren(
          status,
          h('p', { class: 'notice notice-error', role: 'alert' }, describeError(failure)),
        ),
      );
  };

  const row = (entry: AuditEntry) =>
    h(
      'tr',
      {},
      h('td', { class: 'nowrap' }, formatDateTime(entry.at)),
      h('td', {}, entry.actor?.name ?? t('system')),
      h('td', {}, tData('action', entry.action)),
      h(
        'td',
        { class: 'mono' },
        entry.conversationId
          ? h('a', { href: conversationRoute(entry.conversationId) }, entry.conversationId.slice(0, 8))
          : '',
      ),
      h('td', {}, clerkName(entry.targetClerkId)),
      h('td', { class: 'detail' }, describeDetail(entry.detail)),
    );

  const filters = h(
    'form',
    { class: 'filters' },
    field(t('auditConversation'), conversation),
    field(t('auditClerk'), clerk),
    h('button', { type: 'submit', class: 'button' }, t('apply')),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load(false);
  });
  more.addEventListener('click', () => load(true));

  api
    .clerks()
    .then(({ items }) => {
      clerks = items;
      replaceChildren(
        clerk,
        h('option', { value: '' }, t('everyone')),
        items.map((c) => h('option', { value: c.id }, `${c.name} (${c.email})`)),
      );
    })
    .catch(() => undefined); // The filter by clerk is a convenience; the log shows without it.

  const element = h(
    'section',
    { class: 'page', 'aria-labelledby': 'page-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'page-title', tabindex: '-1' }, t('auditTitle')), filters),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, t('auditTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              t('auditWhen'),
              t('auditActor'),
              t('auditAction'),
              t('auditConversation'),
              t('auditTarget'),
              t('auditDetail'),
            ].map((label) => h('th', { scope: 'col' }, label)),
          ),
        ),
        tbody,
      ),
    ),
    status,
    more,
  );
  load(false);
  return { element, dispose: () => undefined };
}

/** `{"outcome":"resolved","toDepartment":"taxe"}` → "outcome: resolved · toDepartment: taxe", as text. */
function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

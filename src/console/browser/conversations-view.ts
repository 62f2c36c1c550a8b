import type { ConsoleContext } from './console-context.js';
import { mountConversationPanel } from './conversation-panel.js';
import { h, replaceChildren } from './element.js';
import { createQueueSidebar } from './queue-sidebar.js';
import { t } from './ui-strings.js';

export interface ConversationsView {
  element: HTMLElement;
  show(conversationId: string | null): void;
  dispose(): void;
}

/** Queues on the left, the open conversation on the right; switching conversations keeps the sidebar. */
export function createConversationsView(context: ConsoleContext): ConversationsView {
  const pane = h('div', { class: 'conversation-pane' });
  const sidebar = createQueueSidebar(context);
  const element = h('div', { class: 'conversations-layout' }, sidebar.element, pane);
  let current: string | null | undefined;
  let unmount: (() => void) | null = null;

  return {
    element,
    show(conversationId) {
      if (conversationId === current) return;
      current = conversationId;
      unmount?.();
      unmount = null;
      if (conversationId) {
        unmount = mountConversationPanel(context, pane, conversationId);
        return;
      }
      context.store.openConversationId = null;
      context.store.emit('conversations');
      replaceChildren(
        pane,
        h(
          'section',
          { class: 'conversation conversation-empty', 'aria-labelledby': 'conversation-title' },
          h('h2', { id: 'conversation-title', tabindex: '-1' }, t('noConversationTitle')),
          h('p', { class: 'empty' }, t('noConversation')),
        ),
      );
    },
    dispose() {
      unmount?.();
      unmount = null;
      sidebar.dispose();
    },
  };
}

import { alertNow, announce } from './announcer.js';
import type { ConsoleConversation } from '../../protocol/console-api.js';
import { Composer } from './composer.js';
import type { ConsoleContext } from './console-context.js';
import { openCloseDialog, openReassignDialog, openTransferDialog } from './conversation-dialogs.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { claimConversation, departmentName } from './queue-sidebar.js';
import { formatPercent } from './time-format.js';
import { TranscriptView } from './transcript-view.js';
import { t, tData } from './ui-strings.js';
import { waitingSince } from './waiting-clock.js';

/**
 * One conversation: header with its state and the actions the clerk may take, the handoff summary,
 * the transcript, the typing indicator and the reply box. Loaded from REST, then kept live by the
 * socket subscription (which also survives reconnects). Returns a function that tears it down.
 */
export function mountConversationPanel(
  context: ConsoleContext,
  container: HTMLElement,
  conversationId: string,
): () => void {
  const { store, api, live } = context;
  const cleanups: Array<() => void> = [];
  let disposed = false;
  store.openConversationId = conversationId;
  store.emit('conversations');

  replaceChildren(
    container,
    h(
      'section',
      { class: 'conversation is-loading', 'aria-busy': 'true', 'aria-labelledby': 'conversation-title' },
      h('h2', { id: 'conversation-title', tabindex: '-1' }, shortTitle(conversationId)),
      h('p', { class: 'empty' }, t('loadingTranscript')),
    ),
  );

  api
    .conversation(conversationId)
    .then((detail) => {
      if (disposed) return;
      store.upsertConversation(detail.conversation, true);
      const transcript = store.transcript(conversationId);
      transcript.addMessages(detail.messages);
      for (const note of detail.notes) transcript.addNote(note);
      transcript.loaded = true;
      live.watch(conversationId, transcript.contiguousSeq());
      if (transcript.hasGap()) void live.fillGap(conversationId);
      build(detail.conversation);
    })
    .catch((failure: unknown) => {
      if (disposed) return;
      replaceChildren(
        container,
        h(
          'section',
          { class: 'conversation', 'aria-labelledby': 'conversation-title' },
          h('h2', { id: 'conversation-title', tabindex: '-1' }, shortTitle(conversationId)),
          h('p', { class: 'notice notice-error', role: 'alert' }, describeError(failure)),
        ),
      );
    });

  function build(initial: ConsoleConversation): void {
    const transcriptView = new TranscriptView((slug) =>
      procedureTitleOf(store.conversations.get(conversationId), slug),
    );
    const composer = new Composer(context, initial);
    const header = h('header', { class: 'conversation-header' });
    const notice = h('div', { class: 'conversation-notice' });
    const typing = h('p', { class: 'typing-indicator', 'aria-live': 'polite' });
    const scroller = h(
      'div',
      { class: 'transcript-scroll', tabindex: '0', role: 'region', 'aria-label': t('transcript') },
      transcriptView.element,
    );
    const composerSlot = h('div', { class: 'composer-slot' });
    let typingText = '';

    const renderHeader = (conversation: ConsoleConversation) => {
      replaceChildren(
        header,
        h(
          'div',
          { class: 'conversation-heading' },
          h('h2', { id: 'conversation-title', tabindex: '-1' }, shortTitle(conversationId)),
          h('span', { class: `status status-${conversation.status}` }, tData('status', conversation.status)),
          actions(conversation),
        ),
        h(
          'dl',
          { class: 'facts' },
          fact(t('department'), departmentName(context, conversation.department)),
          fact(t('citizenLanguage'), tData('lang', conversation.lang)),
          fact(t('channel'), conversation.channel),
          fact(t('clerk'), conversation.clerk?.name ?? t('nobody')),
          conversation.status === 'waiting' && conversation.queuedAt
            ? h(
                'div',
                { class: 'fact' },
                h('dt', {}, t('status_waiting')),
                h('dd', {}, waitingSince(store, conversation.queuedAt)),
              )
            : null,
        ),
      );
    };

    const actions = (conversation: ConsoleConversation): HTMLElement | null => {
      if (store.gone.has(conversationId)) return null;
      const buttons: HTMLElement[] = [];
      const mine = store.isMine(conversation);
      const supervisor = store.isSupervisor();
      const add = (label: string, run: () => void, primary = false) => {
        const button = h(
          'button',
          { type: 'button', class: `button${primary ? ' button-primary' : ''}` },
          label,
        );
        button.addEventListener('click', run);
        buttons.push(button);
      };
      if (conversation.status === 'waiting') {
        add(t('claim'), () => void claimConversation(context, conversationId), true);
      }
      // A waiting citizen may also be given back to the bot (e.g. the question turned out to be simple).
      if (
        ((mine || supervisor) && conversation.status === 'with_clerk') ||
        conversation.status === 'waiting'
      ) {
        add(t('release'), () => release(conversation));
      }
      if (
        (mine || supervisor) &&
        (conversation.status === 'with_clerk' || conversation.status === 'waiting')
      ) {
        add(t('transfer'), () => openTransferDialog(context, conversation));
      }
      if (supervisor && (conversation.status === 'with_clerk' || conversation.status === 'waiting')) {
        add(t('reassign'), () => openReassignDialog(context, conversation));
      }
      if (mine || conversation.status === 'waiting' || (supervisor && conversation.status === 'with_clerk')) {
        add(t('close'), () => openCloseDialog(context, conversation));
      }
      if (buttons.length === 0) return null;
      return h('div', { class: 'conversation-actions', role: 'group', 'aria-label': t('actions') }, buttons);
    };

    const release = (conversation: ConsoleConversation) => {
      api
        .release(conversation.conversationId)
        .then((result) => {
          store.upsertConversation(result.conversation, false);
          store.emit('conversations');
          announce(t('released'));
        })
        .catch((failure: unknown) => alertNow(describeError(failure)));
    };

    const renderNotice = (conversation: ConsoleConversation) => {
      let text: string | null = null;
      if (store.gone.has(conversationId)) text = t('goneNotice');
      else if (conversation.status === 'waiting') text = t('waitingNotice');
      else if (conversation.status === 'closed')
        text = t('closedNotice', {
          outcome: conversation.outcome ? tData('outcome', conversation.outcome) : '—',
        });
      else if (conversation.status === 'bot') text = t('botNotice');
      else if (!store.isMine(conversation)) text = t('notAssignedNotice');
      replaceChildren(
        notice,
        text ? h('p', { class: 'notice notice-info' }, text) : null,
        conversation.ticketOffered ? h('p', { class: 'notice' }, t('ticketOfferedNotice')) : null,
      );
    };

    const renderTyping = () => {
      const state = store.typing.get(conversationId);
      const text =
        state && state.until > Date.now()
          ? state.from === 'citizen'
            ? t('citizenTyping')
            : t('clerkTyping', { name: state.name ?? t('author_clerk') })
          : '';
      if (text === typingText) return;
      typingText = text;
      typing.textContent = text;
    };

    let shown = initial;
    let wasGone = false;
    const refresh = () => {
      const conversation = store.conversations.get(conversationId) ?? shown;
      const gone = store.gone.has(conversationId);
      const changed =
        gone !== wasGone ||
        conversation.status !== shown.status ||
        conversation.clerk?.id !== shown.clerk?.id ||
        conversation.department !== shown.department ||
        conversation.outcome !== shown.outcome;
      shown = conversation;
      wasGone = gone;
      if (changed) {
        const hadFocus =
          header.contains(document.activeElement) || composerSlot.contains(document.activeElement);
        renderHeader(conversation);
        composer.update(conversation);
        // Out of sight: nothing can be done with it any more (the service would refuse it).
        replaceChildren(composerSlot, gone ? null : composer.element);
        if (hadFocus) header.querySelector<HTMLElement>('h2')?.focus();
      }
      renderNotice(conversation);
      maybeFocusComposer();
    };

    const markSeen = () => {
      const seq = store.transcript(conversationId).maxSeq();
      if (seq > (store.seenSeq.get(conversationId) ?? 0)) {
        store.seenSeq.set(conversationId, seq);
        store.emit('conversations');
      }
    };

    const maybeFocusComposer = () => {
      if (store.focusComposerFor === conversationId && store.isMine(shown)) {
        store.focusComposerFor = null;
        composer.focus();
      }
    };

    renderHeader(initial);
    renderNotice(initial);
    replaceChildren(composerSlot, composer.element);
    const section = h(
      'section',
      { class: 'conversation', 'aria-labelledby': 'conversation-title' },
      header,
      summaryBlock(initial),
      notice,
      scroller,
      typing,
      composerSlot,
    );
    replaceChildren(container, section);
    transcriptView.update(store.transcript(conversationId));
    scroller.scrollTop = scroller.scrollHeight;
    markSeen();
    if (store.focusComposerFor === conversationId && store.isMine(initial)) maybeFocusComposer();
    else header.querySelector<HTMLElement>('h2')?.focus();

    cleanups.push(
      store.on('transcript', () => {
        transcriptView.update(store.transcript(conversationId));
        markSeen();
      }),
      store.on('conversations', refresh),
      store.on('gone', refresh),
      store.on('typing', renderTyping),
      // Department names arrive with the departments list, possibly after the panel was drawn.
      store.on('departments', () => renderHeader(shown)),
    );
  }

  return () => {
    disposed = true;
    for (const cleanup of cleanups) cleanup();
    if (store.openConversationId === conversationId) store.openConversationId = null;
    const conversation = store.conversations.get(conversationId);
    // Keep my own chats subscribed (new messages mark them unread); drop the rest.
    if (!conversation || !store.isMine(conversation)) live.unwatch(conversationId);
  };
}

function summaryBlock(conversation: ConsoleConversation): HTMLElement {
  const { summary } = conversation;
  const percent = formatPercent(summary.confidence);
  return h(
    'section',
    { class: 'summary', 'aria-labelledby': 'summary-title' },
    h('h3', { id: 'summary-title', class: 'summary-title' }, t('summaryTitle')),
    h(
      'dl',
      { class: 'facts facts-summary' },
      h(
        'div',
        { class: 'fact fact-wide' },
        h('dt', {}, t('question')),
        h('dd', { lang: summary.lang }, summary.question),
      ),
      fact(t('procedureGuess'), summary.procedureTitle ?? summary.procedureSlug ?? t('noProcedure')),
      fact(t('confidence'), percent === null ? '—' : `${percent}%`),
      fact(t('citizenLanguage'), tData('lang', summary.lang)),
      fact(t('reason'), tData('reason', summary.reason)),
    ),
  );
}

function fact(term: string, value: string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value));
}

function shortTitle(conversationId: string): string {
  return t('conversationTitle', { id: conversationId.slice(0, 8) });
}

function procedureTitleOf(conversation: ConsoleConversation | undefined, slug: string): string {
  // The summary carries the title of the procedure ANTONIA identified; other slugs are shown as they are.
  return conversation?.summary.procedureSlug === slug && conversation.summary.procedureTitle
    ? conversation.summary.procedureTitle
    : slug;
}

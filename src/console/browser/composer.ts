import { alertNow, announce } from './announcer.js';
import type { ConsoleConversation, ProcedureSummary } from '../../protocol/console-api.js';
import type { ConsoleContext } from './console-context.js';
import { h } from './element.js';
import { describeError } from './error-text.js';
import { fetchProcedureSummary, openProcedureDialog } from './procedure-dialog.js';
import { SummaryDraft } from './summary-draft.js';
import { t } from './ui-strings.js';

type Mode = 'reply' | 'note';

/**
 * The reply box under the transcript. Two kinds of text leave it: replies to the citizen (only for the
 * clerk who has the conversation) and internal notes (any clerk who can see it), visibly different so
 * a note is never sent to a citizen by mistake. A reply keeps its clientMsgId until it is stored, so a
 * retry after a network error cannot send it twice.
 */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly label: HTMLLabelElement;
  private readonly submit: HTMLButtonElement;
  private readonly replyChoice: HTMLInputElement;
  private readonly noteChoice: HTMLInputElement;
  private readonly insertButton: HTMLButtonElement;
  private readonly suggested: HTMLButtonElement;
  private readonly draft: SummaryDraft;
  private mode: Mode = 'reply';
  private canReply = false;
  private pendingClientMsgId: string | null = null;
  private conversation: ConsoleConversation;

  constructor(
    private readonly context: ConsoleContext,
    conversation: ConsoleConversation,
  ) {
    this.conversation = conversation;
    this.textarea = h('textarea', {
      id: 'composer-text',
      rows: '3',
      maxlength: '4000',
      'aria-describedby': 'composer-hint',
    });
    this.label = h('label', { for: 'composer-text', id: 'composer-label' });
    this.replyChoice = h('input', { type: 'radio', name: 'composer-mode', value: 'reply', id: 'mode-reply' });
    this.noteChoice = h('input', { type: 'radio', name: 'composer-mode', value: 'note', id: 'mode-note' });
    this.submit = h('button', { type: 'submit', class: 'button button-primary' });
    this.insertButton = h('button', { type: 'button', class: 'button' }, t('insertProcedure'));
    this.suggested = h('button', { type: 'button', class: 'button button-truncate' });
    // A changed draft is a new reply: it must not reuse the clientMsgId of one that failed to send.
    this.draft = new SummaryDraft(() => {
      this.pendingClientMsgId = null;
    });

    this.element = h(
      'form',
      { class: 'composer', novalidate: true },
      h(
        'div',
        { class: 'composer-top' },
        this.label,
        h(
          'fieldset',
          { class: 'composer-mode' },
          h('legend', { class: 'visually-hidden' }, t('modeLegend')),
          h('label', { class: 'mode-choice', for: 'mode-reply' }, this.replyChoice, t('modeReply')),
          h(
            'label',
            { class: 'mode-choice mode-choice-note', for: 'mode-note' },
            this.noteChoice,
            t('modeNote'),
          ),
        ),
      ),
      this.textarea,
      h('p', { id: 'composer-hint', class: 'field-hint' }, t('composerHint')),
      this.draft.element,
      h(
        'div',
        { class: 'composer-actions' },
        this.insertButton,
        this.suggested,
        h('span', { class: 'spacer' }),
        this.submit,
      ),
    );

    this.replyChoice.addEventListener('change', () => this.setMode('reply'));
    this.noteChoice.addEventListener('change', () => this.setMode('note'));
    this.textarea.addEventListener('input', () => {
      this.pendingClientMsgId = null;
      if (this.mode === 'reply' && this.canReply) context.live.typing(this.conversation.conversationId);
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.element.requestSubmit();
      }
    });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.insertButton.addEventListener('click', () =>
      openProcedureDialog(context, this.asked(), (summary) => this.insert(summary), this.textarea),
    );
    this.suggested.addEventListener('click', () => {
      const slug = this.conversation.summary.procedureSlug;
      if (!slug) return;
      this.suggested.disabled = true;
      fetchProcedureSummary(context, slug, this.asked())
        .then((summary) => this.insert(summary))
        .catch((failure: unknown) => alertNow(describeError(failure)))
        .finally(() => {
          this.suggested.disabled = false;
        });
    });
    this.update(conversation);
  }

  /** The conversation changed (claimed, released, closed): who may reply now. */
  update(conversation: ConsoleConversation): void {
    this.conversation = conversation;
    const couldReply = this.canReply;
    this.canReply = this.context.store.isMine(conversation);
    // Just claimed: replying is what comes next. Just lost it: only notes remain possible.
    if (this.canReply && !couldReply) this.mode = 'reply';
    this.replyChoice.disabled = !this.canReply;
    const { procedureSlug, procedureTitle } = conversation.summary;
    this.suggested.hidden = !procedureSlug;
    this.suggested.textContent = procedureSlug
      ? t('insertSuggested', { title: procedureTitle ?? procedureSlug })
      : '';
    // Long procedure titles are cut on screen; the tooltip (and the accessible name) keep all of it.
    this.suggested.title = this.suggested.textContent;
    this.setMode(this.canReply ? this.mode : 'note');
  }

  focus(): void {
    this.textarea.focus();
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    this.replyChoice.checked = mode === 'reply';
    this.noteChoice.checked = mode === 'note';
    this.element.classList.toggle('is-note', mode === 'note');
    this.label.textContent = t(mode === 'reply' ? 'replyLabel' : 'noteLabel');
    this.submit.textContent = t(mode === 'reply' ? 'send' : 'addNote');
    // Procedure summaries are for citizens; notes are written by hand.
    this.insertButton.disabled = mode === 'note';
    this.suggested.disabled = mode === 'note';
  }

  /** The citizen's language and question: a summary is inserted in that language, trimmed to what was asked. */
  private asked(): { lang: ConsoleConversation['lang']; question: string } {
    return { lang: this.conversation.lang, question: this.conversation.summary.question };
  }

  /** The summary's opening words go into the reply box at the caret; its sections into the draft. */
  private insert(summary: ProcedureSummary): void {
    this.draft.load(summary);
    const text = summary.lead;
    const { selectionStart, selectionEnd, value } = this.textarea;
    const before = value.slice(0, selectionStart);
    const separator = before.length > 0 && !before.endsWith('\n') ? '\n\n' : '';
    this.textarea.value = `${before}${separator}${text}${value.slice(selectionEnd)}`;
    this.pendingClientMsgId = null;
    this.textarea.focus();
    const caret = before.length + separator.length + text.length;
    this.textarea.setSelectionRange(caret, caret);
    announce(t('procedureInserted'));
  }

  private async send(): Promise<void> {
    const text = this.textarea.value.trim();
    if (this.submit.disabled) return;
    if (!text) {
      alertNow(t('emptyText'));
      this.textarea.focus();
      return;
    }
    const { conversationId } = this.conversation;
    this.submit.disabled = true;
    this.submit.textContent = t('sending');
    try {
      if (this.mode === 'reply') {
        this.pendingClientMsgId ??= newClientMsgId();
        const answer = this.draft.value() ?? undefined;
        const { message } = await this.context.api.reply(
          conversationId,
          text,
          this.pendingClientMsgId,
          answer,
        );
        this.draft.clear();
        this.context.live.addMessages(conversationId, [message]);
        announce(t('replySent'));
      } else {
        const { note } = await this.context.api.addNote(conversationId, text);
        if (this.context.store.transcript(conversationId).addNote(note))
          this.context.store.emit('transcript');
        announce(t('noteAdded'));
      }
      this.textarea.value = '';
      this.pendingClientMsgId = null;
    } catch (failure) {
      alertNow(describeError(failure));
    } finally {
      this.submit.disabled = false;
      this.setMode(this.mode);
      this.textarea.focus();
    }
  }
}

/** A random id for a reply; getRandomValues also works on plain http (randomUUID needs a secure context). */
function newClientMsgId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

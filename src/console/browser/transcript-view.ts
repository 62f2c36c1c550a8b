import type { Note } from '../../protocol/console-api.js';
import type { Message } from '../../protocol/message.js';
import { answerView } from './answer-view.js';
import { h } from './element.js';
import { formatPercent, formatTime } from './time-format.js';
import type { Transcript } from './transcript.js';
import { t, tData } from './ui-strings.js';

/**
 * The full transcript of one conversation: citizen, bot (each answer once, as the citizen saw it, with
 * the procedure it used), clerks, system lines, and internal notes marked as such. Entries are added in place, so
 * a new message never rebuilds the list (nor moves the focus of a clerk who is reading a source link).
 */
export class TranscriptView {
  readonly element: HTMLOListElement;
  private readonly rendered = new Map<string, HTMLElement>();

  constructor(private readonly procedureTitle: (slug: string) => string) {
    this.element = h('ol', { class: 'transcript', 'aria-label': t('transcript') });
  }

  update(transcript: Transcript): void {
    const scroller = this.element.parentElement;
    const nearBottom = scroller
      ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80
      : true;
    let cursor = this.element.firstChild;
    for (const entry of transcript.entries()) {
      const key = entry.kind === 'message' ? `m${entry.message.seq}` : `n${entry.note.id}`;
      let item = this.rendered.get(key);
      if (!item) {
        item = entry.kind === 'message' ? this.renderMessage(entry.message) : renderNote(entry.note);
        this.rendered.set(key, item);
      }
      if (item === cursor) cursor = cursor.nextSibling;
      else this.element.insertBefore(item, cursor);
    }
    if (scroller && nearBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  private renderMessage(message: Message): HTMLElement {
    const author =
      message.from === 'clerk' && message.authorName
        ? `${message.authorName} (${t('author_clerk').toLowerCase()})`
        : tData('author', message.from);
    const item = h(
      'li',
      { class: `entry msg msg-${message.from}`, 'data-seq': message.seq },
      h(
        'p',
        { class: 'entry-head' },
        h('span', { class: 'entry-author' }, author),
        h('time', { datetime: message.createdAt }, formatTime(message.createdAt)),
      ),
    );
    // A bot answer, or a clerk's reply with sections, is shown once, laid out as the citizen saw it.
    if (message.sections.length > 0 || message.from === 'bot') item.append(...answerView(message));
    else item.appendChild(h('p', { class: 'entry-text', lang: message.lang }, message.text));
    if (message.from !== 'bot') return item;
    const percent = formatPercent(message.confidence);
    if (message.procedure || percent !== null) {
      item.appendChild(
        h(
          'p',
          { class: 'msg-procedure' },
          message.procedure
            ? t('procedureUsed', { procedure: this.procedureTitle(message.procedure) })
            : null,
          message.procedure && percent !== null ? ' · ' : null,
          percent !== null ? t('confidenceValue', { percent }) : null,
        ),
      );
    }
    return item;
  }
}

function renderNote(note: Note): HTMLElement {
  return h(
    'li',
    { class: 'entry note', 'data-note': note.id },
    h(
      'p',
      { class: 'entry-head' },
      h('span', { class: 'note-tag' }, t('internalNote')),
      h('span', { class: 'note-hint' }, t('internalNoteHint')),
      h('span', { class: 'entry-author' }, note.author?.name ?? t('system')),
      h('time', { datetime: note.createdAt }, formatTime(note.createdAt)),
    ),
    h('p', { class: 'entry-text' }, note.text),
  );
}

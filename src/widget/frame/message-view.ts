import { EXTERNAL_ICON, PERSON_ICON, svgIcon, THUMB_DOWN_ICON, THUMB_UP_ICON } from '../shared/svg-icon.js';
import { layoutAnswer, type AnswerBlock } from './answer-blocks.js';
import { h } from './create-element.js';
import type { Localizer } from './localizer.js';
import type { OutboxEntry } from './chat-session-store.js';
import { contactHref, type ContactLink, type Message as ChatMessage } from '../../protocol/message.js';
import type { UiStrings } from './ui-strings.js';

export type Rating = 'up' | 'down';

/**
 * A source link's address if it is a plain http(s) URL; `javascript:`, `data:` and anything unparsable
 * are dropped. Links only ever come from `message.sources` (the knowledge base), never from the text.
 */
export function safeLinkHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function timeOf(createdAt: string, lang: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** Blank lines separate paragraphs; single line breaks are kept by CSS (white-space: pre-line). */
function paragraphs(text: string): HTMLParagraphElement[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => h('p', { class: 'msg-text' }, [part]));
}

function authorLine(message: ChatMessage, localizer: Localizer): HTMLElement {
  const time = timeOf(message.createdAt, document.documentElement.lang || 'ro');
  const author = h('span', { class: 'msg-author' });
  if (message.from === 'citizen') localizer.text(author, (s) => s.you);
  else if (message.from === 'bot') localizer.text(author, (s) => s.bot);
  else if (message.from === 'clerk') {
    localizer.text(author, (s) => `${message.authorName ?? ''} · ${s.clerkRole}`.replace(/^ · /, ''));
  }
  return h('div', { class: 'msg-meta' }, [
    message.from === 'clerk' ? svgIcon(PERSON_ICON, 'icon icon-small') : null,
    author,
    time ? h('time', { attrs: { datetime: message.createdAt } }, [time]) : null,
  ]);
}

/**
 * A contact (phone, e-mail, web address) as a link whose href is built from its checked target alone
 * (contactHref), its label set as text; a target of the wrong shape leaves the label as plain text.
 * Web addresses open in a new tab (the widget is a frame inside the city's page).
 */
export function contactItem(link: ContactLink, localizer: Localizer): HTMLLIElement {
  const href = contactHref(link);
  if (!href) return h('li', {}, [link.label]);
  if (link.kind !== 'url') {
    return h('li', {}, [h('a', { class: 'msg-contact', attrs: { href } }, [link.label])]);
  }
  const hint = localizer.text(h('span', { class: 'sr-only' }), (s) => ` ${s.opensInNewTab}`);
  const anchor = h(
    'a',
    { class: 'msg-contact', attrs: { href, target: '_blank', rel: 'noopener noreferrer' } },
    [link.label, svgIcon(EXTERNAL_ICON, 'icon icon-small'), hint],
  );
  return h('li', {}, [anchor]);
}

/** A section's list: its lines as text, then its contacts as links. */
function sectionList(block: SectionBlock, localizer: Localizer): HTMLUListElement {
  return h('ul', {}, [
    ...block.lines.map((line) => h('li', {}, [line])),
    ...block.links.map((link) => contactItem(link, localizer)),
  ]);
}

type SectionBlock = Extract<AnswerBlock, { kind: 'section' }>;

function sectionElement(block: SectionBlock, localizer: Localizer): HTMLElement {
  return h('div', { class: 'msg-section' }, [
    block.title.trim() ? h('h2', { class: 'msg-section-title' }, [block.title]) : null,
    block.lines.length + block.links.length > 0 ? sectionList(block, localizer) : null,
  ]);
}

/**
 * A section of an overview, collapsed: a native <details>/<summary> (keyboard- and screen-reader-operable
 * without script; the summary announces itself as expandable). Titles and lines are set as text.
 */
function collapsibleSection(block: SectionBlock, localizer: Localizer): HTMLElement {
  return h('details', { class: 'msg-section msg-section-collapsible' }, [
    h('summary', { class: 'msg-section-title' }, [block.title]),
    sectionList(block, localizer),
  ]);
}

/** A bot answer: paragraphs and headed lists in the text's order (see layoutAnswer). */
function answerBody(
  message: ChatMessage,
  localizer: Localizer,
): {
  body: HTMLElement[];
  footnote: string | null;
  sourcesHeading: string | null;
} {
  const { blocks, footnote, sourcesHeading } = layoutAnswer(message);
  const body: HTMLElement[] = [];
  // Collapsed sections in a row are kept together: on a short screen (400 % zoom, a phone on its side)
  // the stylesheet lays their titles out as one compact, wrapping group of disclosures under the lead
  // instead of one full-width line each, so the answer's start fits the screen (WCAG 1.4.10).
  let group: HTMLElement | null = null;
  for (const block of blocks) {
    if (block.kind === 'section' && !block.title.trim() && block.lines.length + block.links.length === 0) {
      continue;
    }
    if (block.kind === 'paragraph') {
      group = null;
      body.push(h('p', { class: 'msg-text' }, [block.text]));
    } else if (block.collapsed && block.title.trim() && block.lines.length + block.links.length > 0) {
      if (!group) {
        group = h('div', { class: 'msg-sections' });
        body.push(group);
      }
      group.append(collapsibleSection(block, localizer));
    } else {
      group = null;
      body.push(sectionElement(block, localizer));
    }
  }
  return { body, footnote, sourcesHeading };
}

/**
 * The sources as one collapsed line ("Surse · Verificat la: …") that expands to the links. The line uses
 * the widget's own label in the conversation's language; the review date comes from the text.
 */
function sourcesOf(message: ChatMessage, localizer: Localizer, footnote: string | null): HTMLElement | null {
  const links = message.sources
    .map((source) => ({ title: source.title.trim(), href: safeLinkHref(source.url) }))
    .filter((source): source is { title: string; href: string } => source.href !== undefined);
  if (links.length === 0) return footnote ? h('p', { class: 'msg-footnote' }, [footnote]) : null;
  const label = localizer.text(h('span', { class: 'msg-sources-label' }), (s) => s.sources);
  const list = h(
    'ul',
    { class: 'msg-sources' },
    links.map((link) => {
      const hint = localizer.text(h('span', { class: 'sr-only' }), (s) => ` ${s.opensInNewTab}`);
      const anchor = h('a', { attrs: { href: link.href, target: '_blank', rel: 'noopener noreferrer' } }, [
        link.title || new URL(link.href).hostname,
        svgIcon(EXTERNAL_ICON, 'icon icon-small'),
        hint,
      ]);
      return h('li', {}, [anchor]);
    }),
  );
  const summary = h('summary', { class: 'msg-sources-summary' }, [
    label,
    footnote ? h('span', { class: 'msg-footnote' }, [` · ${footnote.replace(/\n/g, ' · ')}`]) : null,
  ]);
  return h('details', { class: 'msg-sources-block' }, [summary, list]);
}

function feedbackOf(
  message: ChatMessage,
  localizer: Localizer,
  given: Rating | undefined,
  onFeedback: MessageViewOptions['onFeedback'],
): HTMLElement {
  const question = localizer.text(h('span', { class: 'feedback-question' }), (s) => s.helpful);
  const thanks = h('span', { class: 'feedback-thanks', attrs: { role: 'status' } });
  const buttons: Record<Rating, HTMLButtonElement> = {
    up: h('button', { class: 'icon-button feedback-button', attrs: { type: 'button' } }, [
      svgIcon(THUMB_UP_ICON),
    ]),
    down: h('button', { class: 'icon-button feedback-button', attrs: { type: 'button' } }, [
      svgIcon(THUMB_DOWN_ICON),
    ]),
  };
  localizer.attr(buttons.up, 'aria-label', (s) => s.helpfulYes);
  localizer.attr(buttons.down, 'aria-label', (s) => s.helpfulNo);

  // After a thumbs down, an optional word on what was wrong (sent as the feedback's comment).
  const commentId = `feedback-comment-${message.seq}`;
  const commentInput = h('input', {
    attrs: { id: commentId, type: 'text', maxlength: '1000', autocomplete: 'off' },
  });
  const commentForm = h('form', { class: 'feedback-comment' }, [
    localizer.text(h('label', { attrs: { for: commentId } }), (s) => s.feedbackComment),
    h('div', { class: 'feedback-comment-row' }, [
      commentInput,
      localizer.text(h('button', { class: 'text-button', attrs: { type: 'submit' } }), (s) => s.send),
    ]),
  ]);
  commentForm.hidden = true;
  commentForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const comment = commentInput.value.trim();
    if (comment) onFeedback(message.seq, 'down', comment);
    commentForm.hidden = true;
    buttons.down.focus();
  });

  const show = (rating: Rating | undefined, announce: boolean) => {
    for (const key of ['up', 'down'] as const)
      buttons[key].setAttribute('aria-pressed', String(key === rating));
    if (announce) localizer.text(thanks, (s) => s.feedbackThanks);
  };
  show(given, false);
  for (const rating of ['up', 'down'] as const) {
    buttons[rating].addEventListener('click', () => {
      show(rating, true);
      commentForm.hidden = rating !== 'down';
      onFeedback(message.seq, rating);
    });
  }
  const group = h('div', { class: 'feedback', attrs: { role: 'group' } }, [
    question,
    buttons.up,
    buttons.down,
    thanks,
  ]);
  localizer.attr(group, 'aria-label', (s) => s.helpful);
  return h('div', { class: 'feedback-block' }, [group, commentForm]);
}

/**
 * Thumbs are asked only under answers: a bot message about a procedure. "Vă pun în legătură…", "which
 * one?", the offer of a clerk and other replies without a procedure are not rated.
 */
export function isAnswer(message: Pick<ChatMessage, 'from' | 'procedure'>): boolean {
  return message.from === 'bot' && message.procedure !== null;
}

export interface MessageViewOptions {
  localizer: Localizer;
  feedback: Rating | undefined;
  onFeedback(seq: number, rating: Rating, comment?: string): void;
}

/** One stored message as a list item. Every string in it is set as text. */
export function renderMessage(message: ChatMessage, options: MessageViewOptions): HTMLLIElement {
  const { localizer } = options;
  const item = h('li', { class: `msg msg-${message.from}`, attrs: { 'data-seq': String(message.seq) } });
  if (message.from === 'system') {
    item.append(...paragraphs(message.text));
    return item;
  }
  let bubble: HTMLElement;
  if (message.from === 'bot' || (message.from === 'clerk' && message.sections.length > 0)) {
    // A bot answer, and a clerk's reply built from a procedure summary (same shape), as an answer.
    const { body, footnote } = answerBody(message, localizer);
    bubble = h('div', { class: 'msg-bubble' }, [...body, sourcesOf(message, localizer, footnote)]);
  } else {
    // Citizen and clerk text is shown exactly as written.
    bubble = h('div', { class: 'msg-bubble' }, paragraphs(message.text));
  }
  item.append(authorLine(message, localizer), bubble);
  if (isAnswer(message)) item.append(feedbackOf(message, localizer, options.feedback, options.onFeedback));
  return item;
}

export type PendingState = 'sending' | 'queued' | 'failed-too-long';

function pendingLabel(state: string | undefined, strings: UiStrings): string {
  if (state === 'queued') return strings.queued;
  if (state === 'failed-too-long') return strings.failedTooLong;
  return strings.sending;
}

/** A message the citizen sent that the server has not stored yet. */
export function renderPending(entry: OutboxEntry, state: PendingState, localizer: Localizer): HTMLLIElement {
  const item = h('li', {
    class: 'msg msg-citizen msg-pending',
    attrs: { 'data-client-msg-id': entry.clientMsgId, 'data-state': state },
  });
  const status = localizer.bind(h('span', { class: 'msg-pending-status' }), (strings, node) => {
    node.textContent = pendingLabel(item.dataset.state, strings);
  });
  item.append(
    h('div', { class: 'msg-meta' }, [localizer.text(h('span', { class: 'msg-author' }), (s) => s.you)]),
    h('div', { class: 'msg-bubble' }, paragraphs(entry.text)),
    status,
  );
  return item;
}

export function setPendingState(item: HTMLElement, state: PendingState, strings: UiStrings): void {
  item.dataset.state = state;
  const status = item.querySelector('.msg-pending-status');
  if (status) status.textContent = pendingLabel(state, strings);
}

import type { ProcedureSummary, StructuredReply } from '../../protocol/console-api.js';
import { REPLY_SECTION_LIMITS } from '../../protocol/console-api.js';
import { sectionTextLines } from '../../protocol/message.js';
import { h, replaceChildren } from './element.js';
import { t } from './ui-strings.js';

/**
 * The sections of an inserted procedure summary, editable before they are sent: one text box per
 * section (one line per item), each removable. They travel with the reply as `answer`, so the citizen
 * receives them as an answer (collapsible sections, tappable sources), not as a wall of "- " lines. The
 * summary's opening words go into the reply box itself, where the clerk writes their own.
 */
export class SummaryDraft {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLElement;
  private procedure: string | null = null;
  private editors: Array<{ title: string; box: HTMLTextAreaElement; item: HTMLElement }> = [];

  constructor(private readonly changed: () => void) {
    this.heading = h('h3', { id: 'summary-draft-title', class: 'summary-draft-title' });
    this.list = h('div', { class: 'summary-draft-sections' });
    const discard = h('button', { type: 'button', class: 'button' }, t('draftDiscard'));
    discard.addEventListener('click', () => {
      this.clear();
      this.changed();
      // The button has just been hidden: the reply box keeps the focus.
      document.getElementById('composer-text')?.focus();
    });
    this.element = h(
      'section',
      { class: 'summary-draft', 'aria-labelledby': 'summary-draft-title' },
      h('div', { class: 'summary-draft-head' }, this.heading, discard),
      h('p', { class: 'field-hint' }, t('draftHint')),
      this.list,
    );
    this.element.hidden = true;
  }

  /** Replaces any earlier draft (one reply carries one procedure's sources). */
  load(summary: ProcedureSummary): void {
    this.procedure = summary.slug;
    this.heading.textContent = t('draftTitle', { title: summary.title });
    this.editors = summary.sections
      .slice(0, REPLY_SECTION_LIMITS.sections)
      // Contacts (phone, e-mail, web address) become editable lines like the rest: a clerk's reply
      // carries text lines only, and the citizen must not lose the number.
      .map((section, index) => this.editor(section.title, sectionTextLines(section), index));
    replaceChildren(
      this.list,
      this.editors.map((editor) => editor.item),
    );
    this.element.hidden = false;
  }

  clear(): void {
    this.procedure = null;
    this.editors = [];
    replaceChildren(this.list);
    this.element.hidden = true;
  }

  /** The sections as the clerk left them (empty lines and emptied sections dropped), or null for none. */
  value(): StructuredReply | null {
    if (!this.procedure) return null;
    const sections = this.editors
      .map(({ title, box }) => ({
        title,
        lines: box.value
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line.length > 0),
      }))
      .filter((section) => section.lines.length > 0);
    return sections.length > 0 ? { procedure: this.procedure, sections } : null;
  }

  private editor(
    title: string,
    lines: string[],
    index: number,
  ): { title: string; box: HTMLTextAreaElement; item: HTMLElement } {
    const id = `summary-draft-${index}`;
    const box = h('textarea', { id, rows: String(Math.min(Math.max(lines.length, 2), 6)) });
    box.value = lines.join('\n');
    box.addEventListener('input', () => this.changed());
    const remove = h('button', { type: 'button', class: 'button button-small' }, t('draftRemove'));
    remove.setAttribute('aria-label', t('draftRemoveNamed', { title }));
    const item = h(
      'div',
      { class: 'summary-draft-section' },
      h('label', { for: id, class: 'summary-draft-label' }, title),
      box,
      remove,
    );
    const editor = { title, box, item };
    remove.addEventListener('click', () => {
      const next = this.editors[this.editors.indexOf(editor) + 1]?.box;
      this.editors = this.editors.filter((candidate) => candidate !== editor);
      item.remove();
      if (this.editors.length === 0) this.clear();
      this.changed();
      // Focus moves on to the next section, or back to the reply box (never lost to <body>).
      (next ?? document.getElementById('composer-text'))?.focus();
    });
    return editor;
  }
}

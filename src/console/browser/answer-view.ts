import { contactHref, type ContactLink, type Message } from '../../protocol/message.js';
import { layoutAnswer } from '../../widget/frame/answer-blocks.js';
import { h, isSafeUrl } from './element.js';
import { t } from './ui-strings.js';

/**
 * A message with sections (a bot answer, or a clerk's reply built from an inserted procedure summary) as
 * the citizen saw it in the widget: laid out by the widget's own layoutAnswer, so its text and its
 * sections are shown once — paragraphs, then each section as a <details> (collapsed when the widget
 * collapses it), then the sources as one line that expands to the links. Everything is set as text.
 */
export function answerView(message: Message): HTMLElement[] {
  const { blocks, footnote } = layoutAnswer(message);
  const body: HTMLElement[] = blocks.map((block) => {
    if (block.kind === 'paragraph') {
      return h('p', { class: 'entry-text', lang: message.lang }, block.text);
    }
    return h(
      'details',
      { class: 'msg-section', lang: message.lang, open: !block.collapsed },
      h('summary', { class: 'msg-section-title' }, block.title),
      h(
        'ul',
        {},
        block.lines.map((line) => h('li', {}, line)),
        block.links.map((link) => h('li', {}, contactLink(link))),
      ),
    );
  });
  const sources = sourcesLine(message, footnote);
  if (sources) body.push(sources);
  return body;
}

/**
 * A contact (phone, e-mail, web address) as a link built from its checked target alone, its label as
 * text; a target of the wrong shape stays plain text. Web addresses open in a new tab.
 */
function contactLink(link: ContactLink): HTMLElement | string {
  const href = contactHref(link);
  if (!href) return link.label;
  return link.kind === 'url'
    ? h('a', { class: 'msg-contact', href, target: '_blank', rel: 'noopener noreferrer' }, link.label)
    : h('a', { class: 'msg-contact', href }, link.label);
}

/** "Surse folosite · Verificat la: …", collapsed; the links (http/https only) behind it. */
function sourcesLine(message: Message, footnote: string | null): HTMLElement | null {
  if (message.sources.length === 0) {
    return footnote ? h('p', { class: 'msg-footnote', lang: message.lang }, footnote) : null;
  }
  return h(
    'details',
    { class: 'msg-sources' },
    h(
      'summary',
      { class: 'msg-sources-title' },
      t('sources'),
      footnote
        ? h('span', { class: 'msg-footnote', lang: message.lang }, ` · ${footnote.replace(/\n/g, ' · ')}`)
        : null,
    ),
    h(
      'ul',
      {},
      message.sources.map((source) =>
        h(
          'li',
          {},
          isSafeUrl(source.url)
            ? h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title)
            : `${source.title} (${source.url})`,
        ),
      ),
    ),
  );
}

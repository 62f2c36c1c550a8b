import { describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../../src/dialogue/answers/compose-answer.js';
import { SECTION_TITLES } from '../../../src/dialogue/canned-replies.js';
import { dialableNumber } from '../../../src/protocol/contact-link.js';
import {
  contactHref,
  MessageSchema,
  SectionSchema,
  sectionTextLines,
  type ContactLink,
} from '../../../src/protocol/message.js';
import { LANGS } from '../../../src/language.js';
import { knowledge, procedure } from '../../support/knowledge-base.js';

const options = { overviewListLines: 5 };

describe('contact links composed from structured fields', () => {
  it("gives the ID card's where section a tel: and a mailto: link, in every language", () => {
    const idCard = procedure('carte-identitate');
    for (const lang of LANGS) {
      for (const facets of [[], ['where' as const]]) {
        const answer = composeAnswer(idCard, facets, lang, options);
        const where = answer.sections.find((section) => section.title === SECTION_TITLES.where[lang])!;
        const links = where.links ?? [];
        expect(links.map((link) => [link.kind, link.target])).toEqual([
          ['tel', dialableNumber(idCard.where.phone!)],
          ['mailto', idCard.where.email],
        ]);
        expect(links.map((link) => contactHref(link))).toEqual([
          `tel:${idCard.where.phone!.replace(/\D/g, '')}`,
          `mailto:${idCard.where.email}`,
        ]);
        // Not twice: the contacts are no longer text lines of the section.
        for (const link of links) expect(where.lines).not.toContain(link.label);
        // Text-only channels keep the number and the address as text.
        expect(answer.text).toContain(`- ${links[0]!.label}`);
        expect(answer.text).toContain(idCard.where.email);
      }
    }
  });

  it('links every phone, e-mail and web address a procedure publishes, or keeps it as text', () => {
    for (const found of knowledge.procedures) {
      const answer = composeAnswer(found, ['where', 'online'], 'ro', options);
      const allLinks = answer.sections.flatMap((section) => section.links ?? []);
      const allText = answer.sections.flatMap((section) => sectionTextLines(section)).join('\n');
      for (const link of allLinks) {
        expect(SectionSchema.safeParse({ title: 't', lines: [], links: [link] }).success).toBe(true);
      }
      if (found.kind !== 'redirect' && found.where.phone) {
        expect(allText).toContain(found.where.phone);
        if (dialableNumber(found.where.phone)) {
          expect(allLinks.some((link) => link.kind === 'tel')).toBe(true);
        }
      }
      if (found.kind !== 'redirect' && found.where.email) {
        expect(allLinks).toContainEqual(
          expect.objectContaining({ kind: 'mailto', target: found.where.email }),
        );
      }
      if (found.online?.url) {
        expect(allLinks).toContainEqual({ kind: 'url', label: found.online.url, target: found.online.url });
      }
    }
  });

  it('finds the number to dial at the start of a phone field as the knowledge base writes it', () => {
    expect(dialableNumber('0264 596 030, interior 4310 sau 4340')).toBe('0264 596 030');
    expect(dialableNumber('0264-563052')).toBe('0264 563052');
    expect(dialableNumber('0371-328.734')).toBe('0371 328 734');
    expect(dialableNumber('+40 264 596 030')).toBe('+40 264 596 030');
    expect(dialableNumber('interior 5000')).toBeUndefined();
    expect(dialableNumber('112')).toBeUndefined();
  });
});

describe('contact link schema', () => {
  const section = (link: unknown) => SectionSchema.safeParse({ title: 'Unde', lines: [], links: [link] });
  const message = {
    seq: 1,
    from: 'bot',
    text: 'x',
    lang: 'ro',
    procedure: null,
    confidence: null,
    sources: [],
    suggestions: [],
    sections: [{ title: 'Unde', lines: ['Ghișeul 1'] }],
    authorName: null,
    clientMsgId: null,
    createdAt: '2026-01-01T00:00:00Z',
  };

  it('accepts a message without links (older messages) and one with well-formed links', () => {
    expect(MessageSchema.safeParse(message).success).toBe(true);
    expect(section({ kind: 'tel', label: 'Telefon: 0264 596 030', target: '0264 596 030' }).success).toBe(
      true,
    );
    expect(section({ kind: 'tel', label: 'Phone', target: '+40264596030' }).success).toBe(true);
    expect(
      section({ kind: 'mailto', label: 'E-mail', target: 'carte_identitate@primariaclujnapoca.ro' }).success,
    ).toBe(true);
    expect(
      section({ kind: 'url', label: 'Site', target: 'https://e-primariaclujnapoca.ro/x?a=1' }).success,
    ).toBe(true);
    expect(
      section({ kind: 'url', label: 'Site', target: 'http://mycluj.e-primariaclujnapoca.ro' }).success,
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a javascript: URL', { kind: 'url', label: 'x', target: 'javascript:alert(1)' }],
    ['a data: URL', { kind: 'url', label: 'x', target: 'data:text/html,<script>alert(1)</script>' }],
    ['a mailto: given as a URL', { kind: 'url', label: 'x', target: 'mailto:a@b.ro' }],
    ['a relative URL', { kind: 'url', label: 'x', target: '/admin' }],
    ['a URL with a space', { kind: 'url', label: 'x', target: 'https://a.ro/ b' }],
    ['a scheme in a phone number', { kind: 'tel', label: 'x', target: 'javascript:0264' }],
    ['letters in a phone number', { kind: 'tel', label: 'x', target: '0264 596 030 int 5' }],
    ['dashes in a phone number', { kind: 'tel', label: 'x', target: '0264-596-030' }],
    ['an e-mail with a header', { kind: 'mailto', label: 'x', target: 'a@b.ro?cc=c@d.ro' }],
    ['an e-mail with a scheme', { kind: 'mailto', label: 'x', target: 'javascript:a@b.ro' }],
    ['not an e-mail', { kind: 'mailto', label: 'x', target: 'registratura' }],
    ['an unknown kind', { kind: 'sms', label: 'x', target: '0264596030' }],
    ['an empty label', { kind: 'tel', label: ' ', target: '0264596030' }],
  ])('rejects %s', (_name, link) => {
    expect(section(link).success).toBe(false);
    expect(
      MessageSchema.safeParse({ ...message, sections: [{ title: 'Unde', lines: [], links: [link] }] })
        .success,
    ).toBe(false);
    // A client handed such a link without the schema still builds no href from it.
    expect(contactHref(link as ContactLink)).toBeUndefined();
  });
});

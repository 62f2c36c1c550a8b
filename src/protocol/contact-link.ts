import * as z from 'zod/mini';

/**
 * A contact an answer makes tappable: a phone number (`tel:`), an e-mail address (`mailto:`) or a web
 * address. It travels as structured data next to a section's lines, never inside them, so no client ever
 * has to find a number or an address in text; each client builds its link from `target` alone, after
 * checking its shape again (contactHref).
 *
 * - `label` is the line as text-only channels show it ("Telefon: 0264 596 030, interior 5000") and the
 *   link's visible text in the widget and the console.
 * - `target` is what is dialled, written to or opened, in a strict shape per kind: a phone number in
 *   digits, an optional leading "+" and spaces only; an e-mail address; an http(s) URL.
 */
const TEL_TARGET = /^\+?[0-9][0-9 ]{2,23}[0-9]$/;
// Deliberately narrower than RFC 5322: the addresses an office publishes, nothing that could smuggle a
// second header or parameter into a mailto: link (no "?", "&", "%", quotes, spaces or angle brackets).
const EMAIL_TARGET = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

function isWebAddress(value: string): boolean {
  if (/\s/.test(value) || !/^https?:\/\//i.test(value)) return false;
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(500));

export const ContactLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tel'), label, target: z.string().check(z.regex(TEL_TARGET)) }),
  z.object({ kind: z.literal('mailto'), label, target: z.string().check(z.regex(EMAIL_TARGET)) }),
  z.object({
    kind: z.literal('url'),
    label,
    target: z.string().check(z.maxLength(2000), z.refine(isWebAddress, 'not an http(s) URL')),
  }),
]);
export type ContactLink = z.infer<typeof ContactLinkSchema>;

/**
 * The href of a contact link, or undefined when its target does not have the shape its kind requires
 * (a message that did not pass through the schema, or one from an older or foreign writer).
 */
export function contactHref(link: ContactLink): string | undefined {
  const checked = ContactLinkSchema.safeParse(link);
  if (!checked.success) return undefined;
  const { kind, target } = checked.data;
  if (kind === 'tel') return `tel:${target.replace(/ /g, '')}`;
  if (kind === 'mailto') return `mailto:${target}`;
  return new URL(target).href;
}

/**
 * The number to dial in a phone field as the knowledge base writes it ("0264-563052", "0264/955",
 * "0264 596 030, interior 4310 sau 4340"): its leading run of digits and separators, the separators
 * made spaces. Undefined when the field does not start with a number of at least six digits (an
 * extension alone cannot be dialled).
 */
export function dialableNumber(phone: string): string | undefined {
  const leading = /^\s*(\+?\d[\d\s\-/.()]*\d)/.exec(phone)?.[1];
  if (!leading) return undefined;
  const target = leading.replace(/[\s\-/.()]+/g, ' ');
  if (target.replace(/\D/g, '').length < 6) return undefined;
  return TEL_TARGET.test(target) ? target : undefined;
}

import { z } from 'zod';
import { LocalizedFullSchema, LocalizedListSchema, LocalizedSchema, type Lang } from '../../language.js';

/**
 * The front matter of `knowledge-base/procedures/<slug>.md`. The rules for the content (sourcing,
 * unknown figures, languages) are in docs/knowledge-base-guide.md.
 */
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }));

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a kebab-case slug' });

export const FeeSchema = z
  .object({
    label: LocalizedSchema,
    amount: z.number().nonnegative().nullable(),
    currency: z.literal('RON').default('RON'),
    dependsOn: LocalizedSchema.optional(),
    legalBasis: z.string().min(1).optional(),
    checked: isoDate.optional(),
    note: LocalizedSchema.optional(),
  })
  .refine((fee) => fee.amount !== null || fee.note !== undefined, {
    message: 'an unknown amount (null) needs a note that says where to find the current figure',
    path: ['note'],
  })
  // A figure goes stale: its date tells the reader (and the next reviewer) how old it is.
  .refine((fee) => fee.amount === null || fee.checked !== undefined, {
    message: 'a known amount needs `checked`: the date (YYYY-MM-DD) of the source that gives the figure',
    path: ['checked'],
  });
export type Fee = z.infer<typeof FeeSchema>;

/**
 * The name of an office or institution, in every language: citizens read it in their own. `ro` is the
 * official name; `en`/`hu` translate it and keep the Romanian official name in parentheses where the
 * citizen needs it at the counter. A plain string (the format before issue 11) fails with what to add.
 */
function localizedName(field: string) {
  return z.object(LocalizedFullSchema.shape, {
    error: (issue) =>
      issue.code === 'invalid_type' && typeof issue.input === 'string'
        ? `${field} must be {ro, en, hu}, not one string: keep the official Romanian name as ro and add en and hu ` +
          `translations, with the Romanian name in parentheses where the citizen needs it at the counter ` +
          `(e.g. en: "Local Taxes Directorate (Direcția Impozite și Taxe Locale)")`
        : undefined,
  });
}

/**
 * A postal address. A plain string reads the same in every language (street, number, city: proper
 * names); an address that also says which office is where, or gives directions, is written {ro, en, hu}.
 */
const AddressSchema = z.union([z.string().min(1), LocalizedFullSchema]);
export type Address = z.infer<typeof AddressSchema>;

/** The address as a citizen writing in `lang` reads it. */
export function addressIn(address: Address, lang: Lang): string {
  return typeof address === 'string' ? address : address[lang];
}

export const WhereSchema = z.object({
  office: localizedName('where.office'),
  address: AddressSchema.optional(),
  hours: LocalizedSchema.optional(),
  phone: z.string().min(1).optional(),
  email: z.string().email().optional(),
  notes: LocalizedSchema.optional(),
});
export type Where = z.infer<typeof WhereSchema>;

export const SourceSchema = z.object({
  title: z.string().min(1),
  url: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), { message: 'must be an http(s) URL' }),
});
export type Source = z.infer<typeof SourceSchema>;

export const RedirectSchema = z.object({
  institution: localizedName('redirect.institution'),
  address: AddressSchema.optional(),
  url: z.string().url().optional(),
  cityHallRole: LocalizedSchema,
});

export const ProcedureFrontMatterSchema = z
  .object({
    slug,
    kind: z.enum(['procedure', 'redirect']),
    area: z.string().min(1),
    department: slug,
    title: LocalizedFullSchema,
    summary: LocalizedFullSchema,
    keywords: z.array(z.string().min(1)).min(3),
    examples: z.object({
      ro: z.array(z.string().min(1)).min(3),
      en: z.array(z.string().min(1)).min(1),
      hu: z.array(z.string().min(1)).min(1),
    }),
    steps: LocalizedListSchema,
    documents: LocalizedListSchema,
    fees: z.array(FeeSchema).default([]),
    deadline: LocalizedSchema.optional(),
    validity: LocalizedSchema.optional(),
    where: WhereSchema,
    online: z
      .object({ available: z.boolean(), url: z.string().url().optional(), description: LocalizedSchema })
      .optional(),
    legalBasis: z.array(z.string().min(1)).default([]),
    sources: z.array(SourceSchema).min(1),
    related: z.array(slug).default([]),
    redirect: RedirectSchema.optional(),
    lastReviewed: isoDate,
  })
  .strict()
  .refine((procedure) => procedure.kind !== 'redirect' || procedure.redirect !== undefined, {
    message: 'a redirect procedure needs a `redirect` block (institution, cityHallRole)',
    path: ['redirect'],
  });
export type ProcedureFrontMatter = z.infer<typeof ProcedureFrontMatterSchema>;

/** A parsed procedure file: the validated front matter, its Markdown body and the file's content hash. */
export interface Procedure extends ProcedureFrontMatter {
  body: string;
  contentHash: string;
  path: string;
}

import { parseHexColour, readableTextColour } from '../shared/colour-contrast.js';
import type { WidgetLanguage } from '../shared/host-frame-messages.js';

export type WidgetLang = WidgetLanguage;

/** What the embedding `<script>` tag may set through its `data-` attributes. */
export interface LoaderOptions {
  /** The service's origin (where widget.js came from): the frame is loaded from, and talked to on, it. */
  serviceOrigin: string;
  lang: WidgetLang;
  position: 'right' | 'left';
  /** Background of the launcher and the panel header. */
  colour: string;
  /** Text on `colour`, always at least 4.5:1 against it. */
  textColour: string;
  /** Panel title (the frame falls back to "ANTONIA"). */
  title: string | undefined;
  startOpen: boolean;
}

export const DEFAULT_COLOUR = '#0a4f8f';

const LANGS: readonly WidgetLang[] = ['ro', 'en', 'hu'];

/** Reads the options from the script element's dataset; unknown or unsafe values fall back to defaults. */
export function readLoaderOptions(
  dataset: DOMStringMap,
  scriptSrc: string,
  pageLang?: string,
): LoaderOptions {
  const wanted = (dataset.lang ?? pageLang ?? '').slice(0, 2).toLowerCase();
  const colour = parseHexColour(dataset.color ?? dataset.colour) ?? DEFAULT_COLOUR;
  const title = dataset.title?.trim().slice(0, 60);
  return {
    serviceOrigin: new URL(scriptSrc).origin,
    lang: (LANGS as readonly string[]).includes(wanted) ? (wanted as WidgetLang) : 'ro',
    position: dataset.position === 'left' ? 'left' : 'right',
    colour,
    textColour: readableTextColour(colour, parseHexColour(dataset.textColor ?? dataset.textColour)),
    title: title ? title : undefined,
    startOpen: dataset.open === 'true' || dataset.open === '',
  };
}

/** The chat frame's address, carrying the options it needs and the embedding page's origin. */
export function frameUrl(options: LoaderOptions, hostOrigin: string): string {
  const url = new URL('/widget/frame', options.serviceOrigin);
  url.searchParams.set('lang', options.lang);
  url.searchParams.set('parent', hostOrigin);
  url.searchParams.set('color', options.colour);
  url.searchParams.set('textColor', options.textColour);
  if (options.title) url.searchParams.set('title', options.title);
  return url.toString();
}

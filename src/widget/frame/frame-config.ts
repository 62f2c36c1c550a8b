import { parseHexColour, readableTextColour } from '../shared/colour-contrast.js';
import { LangSchema, type Lang } from '../../protocol/lang.js';

export interface FrameConfig {
  lang: Lang;
  /** Origin of the page that embeds the frame (the loader passes it); undefined when opened on its own. */
  parentOrigin: string | undefined;
  title: string | undefined;
  colour: string | undefined;
  textColour: string | undefined;
  privacyUrl: string | undefined;
  /** ws(s)://<this origin>/ws/chat */
  socketUrl: string;
}

function originOrUndefined(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    // Only a bare origin is accepted: what postMessage will be addressed to must be exact.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

function httpUrlOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the frame's settings from its URL (set by the loader) and the page (set by the service). */
export function readFrameConfig(location: Location, root: HTMLElement): FrameConfig {
  const params = new URLSearchParams(location.search);
  const lang = LangSchema.safeParse(params.get('lang'));
  const colour = parseHexColour(params.get('color'));
  const title = params.get('title')?.trim().slice(0, 60);
  return {
    lang: lang.success ? lang.data : 'ro',
    parentOrigin: originOrUndefined(params.get('parent')),
    title: title ? title : undefined,
    colour,
    textColour: colour ? readableTextColour(colour, parseHexColour(params.get('textColor'))) : undefined,
    privacyUrl: httpUrlOrUndefined(root.dataset.privacyUrl),
    socketUrl: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/chat`,
  };
}

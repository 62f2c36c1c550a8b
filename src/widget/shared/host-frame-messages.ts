/**
 * The postMessage protocol between the loader (on the city's page) and the chat frame (on the service's
 * origin). Every message carries the namespace and version so that other scripts' messages on the same
 * window are ignored; both sides also check `event.origin` and `event.source`, and always post with an
 * explicit target origin (never '*').
 */
export const WIDGET_NAMESPACE = 'antonia-widget';
export const WIDGET_MESSAGE_VERSION = 1;

/** Loader → frame. */
export type HostToFrame =
  /** The panel was opened: move focus to the composer. */
  | { type: 'opened' }
  /** The panel was hidden (the frame stops counting messages as read). */
  | { type: 'closed' };

/** Frame → loader. */
export type FrameToHost =
  /** The frame loaded and listens. */
  | { type: 'ready' }
  /** The citizen asked to close the panel (close button or Escape inside the frame). */
  | { type: 'close' }
  /** Messages that arrived while the panel was hidden (for the launcher badge). */
  | { type: 'unread'; count: number }
  /** The language the chat is in now (chosen by the citizen or followed from ANTONIA's replies). */
  | { type: 'lang'; lang: WidgetLanguage };

/** The widget's languages; the launcher follows the frame's language so the page shows one language. */
export type WidgetLanguage = 'ro' | 'en' | 'hu';
const WIDGET_LANGUAGES: readonly string[] = ['ro', 'en', 'hu'];

export interface Envelope<T> {
  ns: typeof WIDGET_NAMESPACE;
  v: typeof WIDGET_MESSAGE_VERSION;
  body: T;
}

export function wrap<T>(body: T): Envelope<T> {
  return { ns: WIDGET_NAMESPACE, v: WIDGET_MESSAGE_VERSION, body };
}

/** The body of a well-formed envelope of our namespace and version, or undefined. */
function unwrap(data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const envelope = data as Record<string, unknown>;
  if (envelope.ns !== WIDGET_NAMESPACE || envelope.v !== WIDGET_MESSAGE_VERSION) return undefined;
  const body = envelope.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
}

export function readHostToFrame(data: unknown): HostToFrame | undefined {
  const body = unwrap(data);
  if (body?.type === 'opened' || body?.type === 'closed') return { type: body.type };
  return undefined;
}

export function readFrameToHost(data: unknown): FrameToHost | undefined {
  const body = unwrap(data);
  if (body?.type === 'ready' || body?.type === 'close') return { type: body.type };
  if (body?.type === 'unread' && Number.isInteger(body.count) && (body.count as number) >= 0) {
    return { type: 'unread', count: Math.min(body.count as number, 99) };
  }
  if (body?.type === 'lang' && typeof body.lang === 'string' && WIDGET_LANGUAGES.includes(body.lang)) {
    return { type: 'lang', lang: body.lang as WidgetLanguage };
  }
  return undefined;
}

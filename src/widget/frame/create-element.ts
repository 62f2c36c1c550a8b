export type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  class?: string;
  /** Attributes set with setAttribute (values are plain strings, never markup). */
  attrs?: Record<string, string>;
}

/**
 * Builds an element; string children become text nodes. This is how every piece of citizen, bot and
 * clerk text reaches the page — as text, never parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.class) element.className = options.class;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

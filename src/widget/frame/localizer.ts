import type { UiStrings } from './ui-strings.js';

type Apply = (strings: UiStrings) => void;

/**
 * Keeps every UI string on screen in the current language: each piece of text is registered once with
 * how to compute it, and re-applied when the citizen switches language in the panel.
 */
export class Localizer {
  private bindings: Array<{ node: Node; apply: Apply }> = [];

  constructor(private current: UiStrings) {}

  get strings(): UiStrings {
    return this.current;
  }

  bind<N extends Node>(node: N, apply: (strings: UiStrings, node: N) => void): N {
    const binding = { node, apply: (strings: UiStrings) => apply(strings, node) };
    this.bindings.push(binding);
    binding.apply(this.current);
    return node;
  }

  text<N extends Node>(node: N, pick: (strings: UiStrings) => string): N {
    return this.bind(node, (strings, target) => {
      target.textContent = pick(strings);
    });
  }

  attr<E extends Element>(element: E, name: string, pick: (strings: UiStrings) => string): E {
    return this.bind(element, (strings, target) => target.setAttribute(name, pick(strings)));
  }

  switchTo(strings: UiStrings): void {
    this.current = strings;
    // Forget nodes that left the page (cleared history) so bindings do not pile up.
    this.bindings = this.bindings.filter((binding) => binding.node.isConnected);
    for (const binding of this.bindings) binding.apply(strings);
  }
}

import { h } from './element.js';
import { setUiLang, t, uiLang } from './ui-strings.js';

/** One button that switches between Romanian and English; its label is in the language it switches to. */
export function languageSwitch(rerender: () => void): HTMLButtonElement {
  const target = uiLang() === 'ro' ? 'en' : 'ro';
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button button-quiet language-switch',
      lang: target,
      'aria-label': t('languageSwitchLabel'),
    },
    t('languageSwitch'),
  );
  button.addEventListener('click', () => {
    setUiLang(target);
    rerender();
    document.querySelector<HTMLElement>('.language-switch')?.focus();
  });
  return button;
}

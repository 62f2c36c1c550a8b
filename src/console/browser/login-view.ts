import { ApiError, type ConsoleApi } from './api-client.js';
import type { Clerk } from '../../protocol/console-api.js';
import { h, replaceChildren } from './element.js';
import { languageSwitch } from './language-switch.js';
import { t } from './ui-strings.js';

export interface LoginOptions {
  api: ConsoleApi;
  onLoggedIn(clerk: Clerk): void;
  /** Shown above the form, e.g. "your session has ended". */
  notice?: string;
  rerender(): void;
}

/** The sign-in screen: e-mail and password, with the service's lockout and rate-limit answers spelled out. */
export function renderLogin(root: HTMLElement, options: LoginOptions): void {
  const email = h('input', {
    id: 'login-email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { id: 'login-error', class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-wide' }, t('signIn'));

  const form = h(
    'form',
    { class: 'login-form', novalidate: true, 'aria-describedby': 'login-error' },
    h('div', { class: 'field' }, h('label', { for: 'login-email' }, t('email')), email),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('password')), password),
    error,
    submit,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const address = email.value.trim();
    if (!address || !password.value) {
      error.textContent = t('loginMissing');
      (address ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('signingIn');
    error.textContent = '';
    options.api
      .login(address, password.value)
      .then((clerk) => options.onLoggedIn(clerk))
      .catch((failure: unknown) => {
        error.textContent = loginErrorText(failure);
        password.value = '';
        password.focus();
        submit.disabled = false;
        submit.textContent = t('signIn');
      });
  });

  const main = h(
    'main',
    { id: 'main', class: 'login-page', tabindex: '-1' },
    h(
      'section',
      { class: 'login-card', 'aria-labelledby': 'login-title' },
      h(
        'div',
        { class: 'login-brand' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'A'),
        h(
          'span',
          {},
          h('span', { class: 'brand-name' }, 'ANTONIA'),
          h('span', { class: 'brand-sub' }, t('cityHall')),
        ),
      ),
      h('h1', { id: 'login-title' }, t('appTitle')),
      h('p', { class: 'login-intro' }, t('loginIntro')),
      options.notice ? h('p', { class: 'notice notice-info', role: 'status' }, options.notice) : null,
      h('h2', { class: 'visually-hidden' }, t('loginTitle')),
      form,
      h('div', { class: 'login-footer' }, languageSwitch(options.rerender)),
    ),
  );
  replaceChildren(root, main);
  email.focus();
}

function loginErrorText(failure: unknown): string {
  if (failure instanceof ApiError) {
    if (failure.status === 401) return t('loginWrong');
    if (failure.status === 429) {
      return failure.retryAfterSeconds
        ? t('loginLocked', { minutes: Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)) })
        : t('loginLockedNoTime');
    }
    if (failure.code === 'network') return t('networkError');
    if (failure.status === 400) return t('loginMissing');
    return t('genericError', { message: failure.message });
  }
  return t('networkError');
}

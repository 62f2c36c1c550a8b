import { describeError } from './error-text.js';
import { h, type Child } from './element.js';
import { t } from './ui-strings.js';

let dialogCount = 0;

export interface ModalOptions {
  title: string;
  body: Child[];
  /** Without a submit button the dialog only closes (its body's own buttons do the work). */
  submitLabel?: string;
  /** Runs on submit; return a message to show it and keep the dialog open, or nothing to close it. */
  onSubmit?(): Promise<string | void>;
}

export interface Modal {
  dialog: HTMLDialogElement;
  /** Closes it; the focus goes back to where it was, or to `focusAfter`. */
  close(focusAfter?: HTMLElement): void;
  /** Shows a problem inside the dialog (announced). */
  showError(text: string): void;
}

/**
 * A native modal <dialog>: the browser traps focus inside and closes it on Escape. Focus starts on the
 * first field and returns to what had it before. Errors stay inside the dialog, announced as alerts.
 */
export function openModal(options: ModalOptions): Modal {
  let returnFocus = document.activeElement as HTMLElement | null;
  dialogCount += 1;
  const titleId = `dialog-title-${dialogCount}`;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = options.submitLabel
    ? h('button', { type: 'submit', class: 'button button-primary' }, options.submitLabel)
    : null;
  const cancel = h('button', { type: 'button', class: 'button' }, t('cancel'));
  const form = h(
    'form',
    { class: 'dialog-form', novalidate: true },
    h('h2', { id: titleId, class: 'dialog-title' }, options.title),
    ...options.body,
    error,
    h('div', { class: 'dialog-actions' }, submit, cancel),
  );
  const dialog = h('dialog', { class: 'modal', 'aria-labelledby': titleId }, form);

  const close = (focusAfter?: HTMLElement) => {
    if (focusAfter) returnFocus = focusAfter;
    if (dialog.open) dialog.close();
  };
  cancel.addEventListener('click', () => close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    // The opener may have been re-rendered meanwhile (a closed conversation has other buttons).
    const fallback = document.getElementById('conversation-title') ?? document.getElementById('page-title');
    (returnFocus?.isConnected ? returnFocus : (fallback ?? document.getElementById('main')))?.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!submit || !options.onSubmit || submit.disabled) return;
    submit.disabled = true;
    error.textContent = '';
    options
      .onSubmit()
      .then((problem) => {
        if (problem) error.textContent = problem;
        else close();
      })
      .catch((failure: unknown) => {
        error.textContent = describeError(failure);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });

  document.body.appendChild(dialog);
  dialog.showModal();
  const first = form.querySelector<HTMLElement>('input, select, textarea');
  first?.focus();
  return {
    dialog,
    close,
    showError: (text) => {
      error.textContent = text;
    },
  };
}

let fieldCount = 0;

/** A labelled form control: label, control, optional hint, each tied together for screen readers. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  fieldCount += 1;
  const id = control.id || `field-${fieldCount}`;
  control.id = id;
  const hintElement = hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintElement, control);
}

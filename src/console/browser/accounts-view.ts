import { announce } from './announcer.js';
import { ApiError } from './api-client.js';
import type { Clerk, Role } from '../../protocol/console-api.js';
import type { ConsoleContext } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { field, openModal } from './modal-dialog.js';
import { departmentName } from './queue-sidebar.js';
import { t, tData } from './ui-strings.js';

const ROLES: Role[] = ['clerk', 'supervisor', 'admin'];

/** Admins: the clerks' accounts — create, rename, change role and departments, reset a password, deactivate. */
export function createAccountsView(context: ConsoleContext): { element: HTMLElement; dispose(): void } {
  const { api, store } = context;
  const body = h('div', { class: 'table-wrap' });
  const create = h('button', { type: 'button', class: 'button button-primary' }, t('newAccount'));

  const load = () => {
    api
      .clerks()
      .then(({ items }) => replaceChildren(body, table(items)))
      .catch((failure: unknown) =>
        replaceChildren(
          body,
          h('p', { class: 'notice notice-error', role: 'alert' }, describeError(failure)),
        ),
      );
  };

  const table = (clerks: Clerk[]) =>
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'visually-hidden' }, t('accountsTitle')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            t('displayName'),
            t('email'),
            t('role'),
            t('departments'),
            t('availabilityColumn'),
            t('openChatsColumn'),
            t('accountStatus'),
          ].map((label) => h('th', { scope: 'col' }, label)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('ticketActions'))),
        ),
      ),
      h(
        'tbody',
        {},
        clerks.map((clerk) => {
          const edit = h(
            'button',
            {
              type: 'button',
              class: 'button button-small',
              'aria-label': t('editNamed', { name: clerk.name }),
            },
            t('edit'),
          );
          edit.addEventListener('click', () => openAccountDialog(clerk));
          return h(
            'tr',
            { class: clerk.active ? '' : 'is-inactive' },
            h('th', { scope: 'row' }, clerk.name),
            h('td', { class: 'break' }, clerk.email),
            h('td', {}, tData('role', clerk.role)),
            h('td', {}, clerk.departments.map((id) => departmentName(context, id)).join(', ')),
            h('td', {}, t(clerk.availability)),
            h('td', { class: 'numeric' }, String(clerk.openChats)),
            h('td', {}, t(clerk.active ? 'active' : 'inactive')),
            h('td', {}, edit),
          );
        }),
      ),
    );

  /** One dialog for both: without `clerk` it creates an account, with it it edits that one. */
  const openAccountDialog = (clerk?: Clerk) => {
    const email = h('input', {
      type: 'email',
      autocomplete: 'off',
      spellcheck: 'false',
      value: clerk?.email ?? '',
      required: true,
    });
    if (clerk) email.disabled = true;
    const name = h('input', {
      type: 'text',
      autocomplete: 'off',
      value: clerk?.name ?? '',
      required: true,
      maxlength: '100',
    });
    const role = h(
      'select',
      {},
      ROLES.map((r) => h('option', { value: r, selected: (clerk?.role ?? 'clerk') === r }, tData('role', r))),
    );
    const departmentBoxes = store.departments.map((d) =>
      h(
        'label',
        { class: 'choice' },
        h('input', {
          type: 'checkbox',
          name: 'departments',
          value: d.id,
          checked: clerk?.departments.includes(d.id) ?? false,
        }),
        ' ',
        departmentName(context, d.id),
      ),
    );
    const password = h('input', { type: 'password', autocomplete: 'new-password', minlength: '12' });
    const active = h('input', { type: 'checkbox', checked: clerk?.active ?? true });
    const modal = openModal({
      title: clerk ? t('editAccountTitle', { name: clerk.name }) : t('newAccountTitle'),
      body: [
        field(t('email'), email),
        field(t('displayName'), name),
        field(t('role'), role),
        h(
          'fieldset',
          { class: 'choices choices-columns' },
          h('legend', {}, t('departments')),
          departmentBoxes,
        ),
        field(t(clerk ? 'newPasswordOptional' : 'newPassword'), password),
        clerk ? h('label', { class: 'choice' }, active, ' ', t('accountActive')) : null,
      ],
      submitLabel: clerk ? t('save') : t('create'),
      onSubmit: async () => {
        const departments = [
          ...modal.dialog.querySelectorAll<HTMLInputElement>('input[name="departments"]:checked'),
        ].map((box) => box.value);
        if (departments.length === 0) return t('chooseDepartment');
        try {
          if (clerk) {
            await api.updateClerk(clerk.id, {
              name: name.value.trim(),
              role: role.value as Role,
              departments,
              active: active.checked,
              ...(password.value ? { password: password.value } : {}),
            });
            announce(t('accountSaved'));
          } else {
            await api.createClerk({
              email: email.value.trim(),
              name: name.value.trim(),
              role: role.value as Role,
              departments,
              password: password.value,
            });
            announce(t('accountCreated'));
          }
        } catch (failure) {
          if (failure instanceof ApiError && failure.status === 409) return t('emailTaken');
          if (failure instanceof ApiError && failure.fields.length > 0) {
            return failure.fields.map((f) => `${f.field}: ${f.message}`).join(' ');
          }
          throw failure;
        }
        load();
      },
    });
  };

  create.addEventListener('click', () => openAccountDialog());
  const element = h(
    'section',
    { class: 'page', 'aria-labelledby': 'page-title' },
    h(
      'div',
      { class: 'page-head' },
      h('h2', { id: 'page-title', tabindex: '-1' }, t('accountsTitle')),
      create,
    ),
    body,
  );
  load();
  return { element, dispose: () => undefined };
}

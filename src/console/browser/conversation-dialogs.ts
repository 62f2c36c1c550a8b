import { announce } from './announcer.js';
import {
  CLOSE_OUTCOMES,
  type Colleague,
  type ConsoleConversation,
  type Department,
  type CloseOutcome,
} from '../../protocol/console-api.js';
import type { ConsoleContext } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { field, openModal } from './modal-dialog.js';
import { t, tData, uiLang } from './ui-strings.js';

/** After an action the service answers with the conversation's new state; show it at once. */
function applied(context: ConsoleContext, conversation: ConsoleConversation, message: string): void {
  context.store.upsertConversation(conversation, false);
  context.store.emit('conversations');
  announce(message);
}

export function openTransferDialog(context: ConsoleContext, conversation: ConsoleConversation): void {
  const { store, api } = context;
  const department = h('select', {});
  const clerk = h('select', {}, h('option', { value: '' }, t('transferToQueue')));
  const note = h('textarea', { rows: '3', maxlength: '4000' });
  const status = h('p', { class: 'field-hint', role: 'status' });

  const fillDepartments = (departments: Department[]) => {
    const chosen = department.value || conversation.department;
    replaceChildren(
      department,
      departments.map((d) =>
        h('option', { value: d.id, selected: d.id === chosen }, uiLang() === 'en' ? d.name.en : d.name.ro),
      ),
    );
  };

  // Colleagues of the chosen department (and supervisors); a late answer for another department is dropped.
  let wanted = '';
  const fillColleagues = () => {
    wanted = department.value;
    const asked = wanted;
    api
      .colleagues(asked)
      .then(({ items }) => {
        if (asked !== wanted) return;
        const others = items.filter((c) => c.id !== store.me?.id && c.id !== conversation.clerk?.id);
        replaceChildren(
          clerk,
          h('option', { value: '' }, t('transferToQueue')),
          others.map((c) => h('option', { value: c.id }, colleagueLabel(c))),
        );
        status.textContent = '';
      })
      .catch((failure: unknown) => {
        if (asked === wanted) status.textContent = describeError(failure);
      });
  };

  fillDepartments(store.departments);
  fillColleagues();
  department.addEventListener('change', fillColleagues);
  api
    .departments('all')
    .then(({ departments }) => fillDepartments(departments))
    .catch(() => undefined); // The clerk's own departments stay on offer.

  openModal({
    title: t('transferTitle'),
    body: [
      field(t('transferDepartment'), department),
      field(t('transferClerk'), clerk),
      status,
      field(t('transferNote'), note),
    ],
    submitLabel: t('transferSubmit'),
    onSubmit: async () => {
      const result = await api.transfer(conversation.conversationId, {
        toDepartment: department.value || undefined,
        toClerkId: clerk.value || undefined,
        note: note.value.trim() || undefined,
      });
      applied(context, result.conversation, t('transferred'));
    },
  });
}

/** "Ion Pop — disponibil, 2 conversații" (or "indisponibil"/"absent"), for choosing a colleague. */
function colleagueLabel(colleague: Colleague): string {
  const state = !colleague.present ? t('notPresent') : t(colleague.availability);
  return t('colleagueOption', {
    name: colleague.name,
    role: tData('role', colleague.role),
    state,
    count: colleague.openChats,
  });
}

export function openCloseDialog(context: ConsoleContext, conversation: ConsoleConversation): void {
  const choices = (conversation.status === 'waiting' ? (['spam', 'other'] as const) : CLOSE_OUTCOMES).map(
    (outcome, index) => {
      const input = h('input', { type: 'radio', name: 'outcome', value: outcome, checked: index === 0 });
      return h('label', { class: 'choice' }, input, ' ', tData('outcome', outcome));
    },
  );
  const note = h('textarea', { rows: '3', maxlength: '4000' });
  const modal = openModal({
    title: t('closeTitle'),
    body: [
      h('fieldset', { class: 'choices' }, h('legend', {}, t('outcome')), choices),
      field(t('closeNote'), note),
    ],
    submitLabel: t('closeSubmit'),
    onSubmit: async () => {
      const chosen = modal.dialog.querySelector<HTMLInputElement>('input[name="outcome"]:checked');
      const outcome = (chosen?.value ?? 'resolved') as CloseOutcome;
      const result = await context.api.close(
        conversation.conversationId,
        outcome,
        note.value.trim() || undefined,
      );
      applied(context, result.conversation, t('closedDone'));
    },
  });
}

export function openReassignDialog(context: ConsoleContext, conversation: ConsoleConversation): void {
  const clerk = h('select', { required: true });
  const modal = openModal({
    title: t('reassignTitle'),
    body: [field(t('reassignTo'), clerk)],
    submitLabel: t('reassignSubmit'),
    onSubmit: async () => {
      if (!clerk.value) return t('reassignTo');
      const result = await context.api.reassign(conversation.conversationId, clerk.value);
      applied(context, result.conversation, t('reassigned'));
    },
  });
  context.api
    .colleagues(conversation.department)
    .then(({ items }) => {
      const eligible = items.filter((c) => c.id !== conversation.clerk?.id);
      replaceChildren(
        clerk,
        eligible.map((c) => h('option', { value: c.id }, colleagueLabel(c))),
      );
    })
    .catch((failure: unknown) => modal.showError(describeError(failure)));
}

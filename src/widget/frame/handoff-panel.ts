import { h } from './create-element.js';
import type { Localizer } from './localizer.js';
import type { HandoffView } from '../../protocol/handoff-view.js';

export interface TicketDetails {
  name: string;
  contact: string;
  question: string;
}

/**
 * What the citizen sees of a handoff to a clerk: the status line at the top of the chat ("În așteptare —
 * poziția 2", then the clerk's name) with a cancel button while waiting, and the leave-a-message form
 * when no clerk can answer now.
 */
export class HandoffPanel {
  readonly banner: HTMLElement;
  readonly ticketCard: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly ticketForm: HTMLFormElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly ticketError: HTMLElement;
  private readonly fields: Record<keyof TicketDetails, HTMLInputElement | HTMLTextAreaElement>;
  private view: HandoffView | undefined;

  constructor(
    private readonly localizer: Localizer,
    handlers: { cancel(): void; submitTicket(details: TicketDetails): void },
  ) {
    this.statusText = h('span', { class: 'handoff-status' });
    this.cancelButton = localizer.text(
      h('button', { class: 'text-button', attrs: { type: 'button' } }),
      (s) => s.cancelWaiting,
    );
    this.cancelButton.addEventListener('click', () => handlers.cancel());
    this.banner = h('div', { class: 'banner banner-handoff', attrs: { role: 'status' } }, [
      this.statusText,
      this.cancelButton,
    ]);
    this.banner.hidden = true;

    const field = (
      id: keyof TicketDetails,
      label: (s: Localizer['strings']) => string,
      control: HTMLInputElement | HTMLTextAreaElement,
    ) => {
      control.id = `ticket-${id}`;
      control.required = true;
      return {
        control,
        row: h('div', { class: 'field' }, [
          localizer.text(h('label', { attrs: { for: control.id } }), label),
          control,
        ]),
      };
    };
    const name = field(
      'name',
      (s) => s.ticketName,
      h('input', { attrs: { type: 'text', maxlength: '100', autocomplete: 'name' } }),
    );
    const contact = field(
      'contact',
      (s) => s.ticketContact,
      h('input', { attrs: { type: 'text', maxlength: '200', autocomplete: 'email', inputmode: 'email' } }),
    );
    const question = field(
      'question',
      (s) => s.ticketQuestion,
      h('textarea', { attrs: { rows: '3', maxlength: '2000' } }),
    );
    this.fields = { name: name.control, contact: contact.control, question: question.control };
    this.ticketError = h('p', { class: 'ticket-error', attrs: { role: 'alert' } });
    this.submitButton = localizer.text(
      h('button', { class: 'primary-button', attrs: { type: 'submit' } }),
      (s) => s.ticketSubmit,
    );
    this.ticketForm = h('form', { class: 'ticket-form' }, [
      localizer.text(h('p', {}), (s) => s.ticketIntro),
      name.row,
      contact.row,
      question.row,
      this.ticketError,
      this.submitButton,
    ]);
    this.ticketForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const details = {
        name: this.fields.name.value.trim(),
        contact: this.fields.contact.value.trim(),
        question: this.fields.question.value.trim(),
      };
      if (!details.name || details.contact.length < 3 || !details.question) return;
      this.ticketError.textContent = '';
      this.submitButton.disabled = true;
      handlers.submitTicket(details);
    });
    this.ticketCard = h('div', { class: 'ticket-card' }, [
      localizer.text(h('h2', { class: 'ticket-title' }), (s) => s.ticketTitle),
      this.ticketForm,
    ]);
    this.ticketCard.hidden = true;
    localizer.bind(this.statusText, () => this.render());
  }

  /** Whether the "talk to a clerk" button makes sense now. */
  get canRequest(): boolean {
    const status = this.view?.status ?? 'none';
    return status === 'none' || status === 'closed';
  }

  /** The server refused the ticket: say why and let the citizen correct it and try again. */
  ticketFailed(reason: 'invalid' | 'error'): void {
    this.submitButton.disabled = false;
    this.localizer.text(this.ticketError, (s) => (reason === 'invalid' ? s.ticketInvalid : s.ticketError));
  }

  /** Pre-fills the ticket question with what the citizen last asked. */
  suggestQuestion(text: string): void {
    if (!this.fields.question.value) this.fields.question.value = text;
  }

  update(view: HandoffView): void {
    this.view = view;
    this.render();
  }

  private render(): void {
    const view = this.view;
    const s = this.localizer.strings;
    if (!view) return;
    let line = '';
    if (view.status === 'waiting') {
      line = s.waiting(view.position);
      if (view.estimatedWaitMinutes !== null) line += ` · ${s.estimate(view.estimatedWaitMinutes)}`;
    } else if (view.status === 'with_clerk') {
      line = s.withClerk(view.clerkName ?? s.clerkRole);
    } else if (view.status === 'closed') {
      line = s.handoffClosed;
    } else if (view.status === 'offline') {
      line = s.noClerk;
    }
    if (view.ticketNumber) line = s.ticketDone(view.ticketNumber);
    this.statusText.textContent = line;
    this.banner.hidden = line === '';
    this.cancelButton.hidden = view.status !== 'waiting';

    const formWanted = view.ticketOffered && !view.ticketNumber;
    if (formWanted && this.ticketCard.hidden) this.submitButton.disabled = false;
    this.ticketCard.hidden = !formWanted;
  }
}

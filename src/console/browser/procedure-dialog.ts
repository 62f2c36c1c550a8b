import type { ProcedureItem, ProcedureSummary } from '../../protocol/console-api.js';
import type { Lang } from '../../protocol/lang.js';
import type { ConsoleContext } from './console-context.js';
import { h, replaceChildren } from './element.js';
import { describeError } from './error-text.js';
import { field, openModal } from './modal-dialog.js';
import { departmentName } from './queue-sidebar.js';
import { t } from './ui-strings.js';

const SEARCH_DELAY_MS = 250;

/**
 * Finds a procedure in the knowledge base and hands its summary (in the citizen's language, trimmed to
 * the facets of the citizen's `question`) to `insert`, which puts it in the reply for the clerk to adapt
 * before sending.
 */
export function openProcedureDialog(
  context: ConsoleContext,
  asked: { lang: Lang; question: string },
  insert: (summary: ProcedureSummary) => void,
  focusAfter: HTMLElement,
): void {
  const search = h('input', { type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const status = h('p', { class: 'field-hint', role: 'status' });
  const results = h('ul', { class: 'procedure-results' });
  const modal = openModal({
    title: t('procedureTitle'),
    body: [field(t('procedureSearch'), search), status, results],
  });

  let timer: number | undefined;
  let generation = 0;
  const runSearch = () => {
    const query = search.value.trim();
    generation += 1;
    const mine = generation;
    context.api
      .procedures(query)
      .then(({ items }) => {
        if (mine !== generation) return; // an older answer arriving late
        status.textContent =
          items.length === 0 ? t('procedureNoResults') : t('procedureResults', { count: items.length });
        replaceChildren(
          results,
          items.map((item) => resultItem(item)),
        );
      })
      .catch((failure: unknown) => modal.showError(describeError(failure)));
  };

  const resultItem = (item: ProcedureItem) => {
    const button = h(
      'button',
      { type: 'button', class: 'procedure-choice' },
      h('span', { class: 'procedure-title' }, item.title),
      h('span', { class: 'procedure-department' }, departmentName(context, item.department)),
    );
    button.setAttribute('aria-label', t('procedureInsertNamed', { title: item.title }));
    button.addEventListener('click', () => {
      button.disabled = true;
      context.api
        .procedureSummary(item.slug, asked.lang, asked.question)
        .then((summary) => {
          modal.close(focusAfter);
          insert(summary);
        })
        .catch((failure: unknown) => {
          button.disabled = false;
          modal.showError(describeError(failure));
        });
    });
    return h('li', {}, button);
  };

  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(runSearch, SEARCH_DELAY_MS);
  });
  search.addEventListener('keydown', (event) => {
    // Enter searches at once instead of submitting the dialog's form.
    if (event.key === 'Enter') {
      event.preventDefault();
      window.clearTimeout(timer);
      runSearch();
    }
  });
  runSearch();
}

/** The summary of one known procedure (the one ANTONIA identified), without the search. */
export function fetchProcedureSummary(
  context: ConsoleContext,
  slug: string,
  asked: { lang: Lang; question: string },
): Promise<ProcedureSummary> {
  return context.api.procedureSummary(slug, asked.lang, asked.question);
}

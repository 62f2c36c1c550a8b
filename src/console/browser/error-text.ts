import { ApiError } from './api-client.js';
import { t } from './ui-strings.js';

/** What to tell the clerk about a failed request, in the UI language. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('genericError', { message: String(error) });
  switch (error.code) {
    case 'network':
      return t('networkError');
    case 'conflict':
      return t('conflict');
    case 'forbidden':
    case 'csrf_failed':
      return t('forbidden');
    case 'not_found':
      return t('notFound');
    case 'rate_limited':
      return t('rateLimited', { seconds: error.retryAfterSeconds ?? 60 });
    case 'unauthorized':
      return t('sessionEnded');
    default:
      return t('genericError', { message: error.message });
  }
}

/**
 * Whether a rating is a thumbs-down the citizen has not given this answer yet: only that gets the offer
 * of a clerk. The widget sends the comment on a thumbs-down as a second `down` on the same answer, which
 * replaces the stored rating but must not repeat the apology and offer.
 */
export function isNewThumbsDown(rating: 'up' | 'down', previousRating: 'up' | 'down' | null): boolean {
  return rating === 'down' && previousRating !== 'down';
}

/** When a department has no claims in the last 7 days: two minutes per place in the queue. */
export const DEFAULT_WAIT_PER_PLACE_SECONDS = 120;

/**
 * Estimated wait in whole minutes (at least 1): the place in the queue times the median of the recent
 * waits before a claim. The median, because one chat forgotten over lunch must not scare everyone off.
 */
export function estimateWaitMinutes(position: number, recentWaitSeconds: number[]): number {
  const sorted = [...recentWaitSeconds]
    .filter((value) => Number.isFinite(value) && value >= 0)
    .sort((a, b) => a - b);
  let perPlace = DEFAULT_WAIT_PER_PLACE_SECONDS;
  if (sorted.length > 0) {
    const middle = Math.floor(sorted.length / 2);
    perPlace = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
  return Math.max(1, Math.ceil((position * perPlace) / 60));
}

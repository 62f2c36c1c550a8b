/**
 * The page's ARIA live regions (declared in public/console/index.html so they exist before anything
 * is announced — a region added together with its text is often not read). Polite for new messages and
 * queue changes, assertive only for errors.
 */
export function announce(text: string): void {
  speak('announcer', text);
}

export function alertNow(text: string): void {
  speak('alerts', text);
}

function speak(regionId: string, text: string): void {
  const region = document.getElementById(regionId);
  if (!region) return;
  const line = document.createElement('p');
  line.textContent = text;
  region.appendChild(line);
  // Keep the region short; what was read stays out of the way of what comes next.
  while (region.childElementCount > 3) region.firstElementChild?.remove();
  window.setTimeout(() => line.remove(), 15_000);
}

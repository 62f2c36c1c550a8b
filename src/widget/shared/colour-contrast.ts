/**
 * The embedding page may choose the widget's colour; WCAG 2.1 AA still needs 4.5:1 between text and its
 * background, so a text colour that would fall short is replaced by black or white, whichever reads better.
 */
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export const MIN_CONTRAST = 4.5;

/** `#abc` or `#aabbcc`, lower-cased and expanded; anything else (names, url(), expressions) is refused. */
export function parseHexColour(value: string | null | undefined): string | undefined {
  if (!value || !HEX_COLOUR.test(value.trim())) return undefined;
  const hex = value.trim().toLowerCase();
  return hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
}

function channel(hex: string, index: number): number {
  const value = parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The requested text colour if it reaches 4.5:1 on `background`, else white or near-black. */
export function readableTextColour(background: string, requested?: string): string {
  if (requested && contrastRatio(background, requested) >= MIN_CONTRAST) return requested;
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#1a1a1a') ? '#ffffff' : '#1a1a1a';
}

/**
 * The company's brand colour drives buttons, links and the header. A colour picked for a logo
 * may be too light for white text or for links on white, so the readable variants are derived
 * here to keep WCAG AA contrast (4.5:1) whatever the colour.
 */
const DEFAULT_BRAND = '#0f62fe';

function channels(hex: string): [number, number, number] {
  const value = /^#?([0-9a-f]{6})$/i.exec(hex)?.[1] ?? DEFAULT_BRAND.slice(1);
  return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(channels(a)), luminance(channels(b))].sort((x, y) => y - x) as [number, number];
  return (la + 0.05) / (lb + 0.05);
}

const toHex = (rgb: [number, number, number]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** The colour darkened step by step until it reads on white at 4.5:1. */
export function readableOnWhite(color: string): string {
  let rgb = channels(color);
  for (let i = 0; i < 20 && contrast(toHex(rgb), '#ffffff') < 4.5; i++) rgb = rgb.map((c) => c * 0.88) as [number, number, number];
  return toHex(rgb);
}

/** Sets the brand CSS variables on the page: --brand, --brand-ink (text on white), --brand-contrast (text on brand). */
export function applyBrand(color: string | null | undefined): void {
  const brand = color && /^#[0-9a-f]{6}$/i.test(color) ? color : DEFAULT_BRAND;
  const ink = readableOnWhite(brand);
  // Buttons use the brand as background: pick the text colour that reads, else fall back to the ink shade.
  const onBrand = contrast(brand, '#ffffff') >= 4.5 ? '#ffffff' : contrast(brand, '#111111') >= 4.5 ? '#111111' : '#ffffff';
  const buttonBackground = onBrand === '#ffffff' && contrast(brand, '#ffffff') < 4.5 ? ink : brand;
  const style = document.documentElement.style;
  style.setProperty('--brand', buttonBackground);
  style.setProperty('--brand-ink', ink);
  style.setProperty('--brand-contrast', onBrand);
}

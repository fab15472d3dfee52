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

/** The page's grey background (--surface-sunken): brand text sits on it as well as on white cards. */
const PAGE_BACKGROUND = '#f3f5f8';

/** The colour darkened step by step until it reads at 4.5:1 on white cards and on the grey page. */
export function readableInk(color: string): string {
  let rgb = channels(color);
  const readable = () => contrast(toHex(rgb), '#ffffff') >= 4.5 && contrast(toHex(rgb), PAGE_BACKGROUND) >= 4.5;
  for (let i = 0; i < 30 && !readable(); i++) rgb = rgb.map((c) => c * 0.92) as [number, number, number];
  return toHex(rgb);
}

export interface BrandPalette {
  /** Buttons, the header's stripe, timeline dots. */
  brand: string;
  /** Brand-coloured text (links) on white cards and on the grey page. */
  ink: string;
  /** Text on a brand-coloured button. */
  onBrand: string;
}

/** The colours a brand colour gives, each readable where it is used. */
export function brandPalette(color: string | null | undefined): BrandPalette {
  const chosen = color && /^#[0-9a-f]{6}$/i.test(color) ? color : DEFAULT_BRAND;
  const ink = readableInk(chosen);
  // Buttons use the brand as background: white text if it reads, else near-black, else the darker ink shade with white.
  const onBrand = contrast(chosen, '#ffffff') >= 4.5 ? '#ffffff' : contrast(chosen, '#111111') >= 4.5 ? '#111111' : '#ffffff';
  const brand = onBrand === '#ffffff' && contrast(chosen, '#ffffff') < 4.5 ? ink : chosen;
  return { brand, ink, onBrand };
}

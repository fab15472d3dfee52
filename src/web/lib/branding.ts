import { brandPalette } from './brand-palette.js';

/** Sets the brand CSS variables on the page: --brand, --brand-ink, --brand-contrast (see brand-palette.ts). */
export function applyBrand(color: string | null | undefined): void {
  const palette = brandPalette(color);
  const style = document.documentElement.style;
  style.setProperty('--brand', palette.brand);
  style.setProperty('--brand-ink', palette.ink);
  style.setProperty('--brand-contrast', palette.onBrand);
}

import { describe, expect, it } from 'vitest';
import { brandPalette, contrast } from '../../src/web/lib/brand-palette.js';

const PAGE = '#f3f5f8';

describe('brand colours', () => {
  it.each(['#0f62fe', '#bf5700', '#0b7a75', '#ffcc00', '#ffffff', '#000000', '#ff69b4', '#7fff00'])('%s gives text and buttons that read at WCAG AA', (color) => {
    const palette = brandPalette(color);
    expect(contrast(palette.ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(palette.ink, PAGE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(palette.onBrand, palette.brand)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps a colour that already reads as it is', () => {
    expect(brandPalette('#0b7a75')).toEqual({ brand: '#0b7a75', ink: '#0b7a75', onBrand: '#ffffff' });
  });

  it('falls back to Arrivo blue for a missing or malformed colour', () => {
    expect(brandPalette(null).brand).toBe('#0f62fe');
    expect(brandPalette('red').brand).toBe('#0f62fe');
  });
});

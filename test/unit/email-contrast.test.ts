import { describe, expect, it } from 'vitest';
import { linkColour, luminance, textOn } from '../../shared/domain/notifications/layout.ts';

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const hex = (n: number) => `#${n.toString(16).padStart(6, '0')}`;
// every 4099th colour of the 16.7 million, plus the corners and the mid-greys where white and black come closest
const sample = [...Array.from({ length: 4096 }, (_, i) => hex(i * 4099)), '#000000', '#ffffff', '#777777', '#767676', '#ffff00', '#00ff00'];

describe("emails on the org's accent colour", () => {
  it('luminance is WCAG 2 relative luminance', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1, 10);
    // white on #767676 is the classic 4.54:1
    expect(contrast('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
  });

  it("the button's label reads on any accent: white or black, at least 4.5:1", () => {
    expect(textOn('#1a56db')).toBe('#fff');
    expect(textOn('#ffd700')).toBe('#000');
    for (const accent of sample) expect(contrast(textOn(accent) === '#fff' ? '#ffffff' : '#000000', accent), accent).toBeGreaterThanOrEqual(4.5);
  });

  it('a link keeps a readable accent as it is and darkens a light one (same hue) to 4.5:1 on white', () => {
    expect(linkColour('#1a56db')).toBe('#1a56db');
    const gold = linkColour('#ffd700');
    expect(gold).not.toBe('#ffd700');
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(gold.slice(i, i + 2), 16));
    expect(b).toBe(0);
    expect(r).toBeGreaterThan(g as number);
    for (const accent of sample) expect(contrast(linkColour(accent), '#ffffff'), accent).toBeGreaterThanOrEqual(4.5);
  });
});

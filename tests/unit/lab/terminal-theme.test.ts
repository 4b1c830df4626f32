// The terminal's palettes reach WCAG 2.2 AA for text (4.5:1) in both themes, for all 16 ANSI colours
// (bold text uses the bright ones) and for text on the selection. Relative luminance and contrast
// ratio as WCAG 2.2 defines them (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio).
import { describe, it, expect } from 'vitest';
import { TERMINAL_THEMES } from '../../../src/components/lab/terminal-theme.ts';

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const ANSI = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
const ALL = [...ANSI, ...ANSI.map((c) => `bright${c[0]!.toUpperCase()}${c.slice(1)}`)] as const;

describe('terminal colours', () => {
  it('the contrast formula gives the known extremes', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBe(1);
    // xterm's default blue on the dark background: the 3.19:1 the issue measured.
    expect(contrast('#3465a4', '#0d1117')).toBeCloseTo(3.19, 2);
  });

  for (const [name, theme] of Object.entries(TERMINAL_THEMES)) {
    it(`${name}: every ANSI colour and the default text reach 4.5:1 on the background`, () => {
      const colours = theme as unknown as Record<string, string>;
      const low = [...ALL, 'foreground'].map((k) => [k, colours[k], contrast(colours[k] ?? '#000000', theme.background)] as const).filter(([, , r]) => r < 4.5);
      expect(ALL.every((k) => typeof colours[k] === 'string')).toBe(true);
      expect(low).toEqual([]);
    });
    it(`${name}: text on the selection reaches 4.5:1`, () => {
      expect(contrast(theme.foreground, theme.selectionBackground)).toBeGreaterThanOrEqual(4.5);
    });
  }
});

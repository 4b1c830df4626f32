import { describe, expect, it } from 'vitest';
import { ScreenText } from '../../../src/embed/screen-text.ts';

describe('ScreenText: what a reader sees at the end of a command', () => {
  it('drops colours and keeps the text', () => {
    const s = new ScreenText();
    s.write('\x1b[1;34mblue\x1b[0m plain\r\nnext\n');
    expect(s.toString()).toBe('blue plain\nnext');
  });

  it('applies a TTY progress redraw: cursor up and erase, so only the last frame stays', () => {
    const s = new ScreenText();
    s.write('[+] Building 0.1s (1/3)\n => [1/2] FROM a\n');
    s.write('\x1b[2A\x1b[J[+] Building 0.4s (3/3) FINISHED\n => [1/2] FROM a\n => [2/2] RUN b\n');
    expect(s.toString()).toBe('[+] Building 0.4s (3/3) FINISHED\n => [1/2] FROM a\n => [2/2] RUN b');
  });

  it('handles carriage returns, erase to end of line and OSC sequences', () => {
    const s = new ScreenText();
    s.write('10%\r50%\r100%\n\x1b]0;title\x07abcdef\r\x1b[Kxy\n');
    expect(s.toString()).toBe('100%\nxy');
  });
});

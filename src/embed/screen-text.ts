// Turns what the terminal was sent (text with ANSI escapes: colours, and the cursor moves a TTY build's
// progress uses to redraw itself) into the plain text a reader sees at the end, for an embed's
// `run(command)`. A line-based model is enough: BuildKit's TTY printer only moves up, clears lines and
// returns the carriage.

const MAX_LINES = 5000;

export class ScreenText {
  private lines: string[] = [''];
  private row = 0;
  private col = 0;

  write(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\x1b') {
        i = this.escape(text, i);
        continue;
      }
      if (c === '\n') {
        this.row++;
        this.col = 0;
        if (this.row >= this.lines.length) this.lines.push('');
        if (this.lines.length > MAX_LINES) {
          this.lines.shift();
          this.row--;
        }
      } else if (c === '\r') this.col = 0;
      else if (c === '\b') this.col = Math.max(0, this.col - 1);
      else if (c >= ' ' || c === '\t') {
        const line = this.lines[this.row]!;
        this.lines[this.row] = line.slice(0, this.col).padEnd(this.col, ' ') + c + line.slice(this.col + 1);
        this.col++;
      }
    }
  }

  /** Applies one escape sequence starting at `i`; returns the index of its last character. */
  private escape(text: string, i: number): number {
    if (text[i + 1] === ']') {
      // OSC (window title, hyperlinks): up to BEL or ESC \.
      const bel = text.indexOf('\x07', i);
      const st = text.indexOf('\x1b\\', i + 2);
      const ends = [bel, st >= 0 ? st + 1 : -1].filter((n) => n >= 0);
      return ends.length ? Math.min(...ends) : text.length;
    }
    if (text[i + 1] !== '[') return i + 1;
    let j = i + 2;
    while (j < text.length && !/[@-~]/.test(text[j]!)) j++;
    const params = text.slice(i + 2, j);
    const n = Number.parseInt(params, 10);
    const count = Number.isFinite(n) && n > 0 ? n : 1;
    switch (text[j]) {
      case 'A':
        this.row = Math.max(0, this.row - count);
        break;
      case 'B':
        this.row = Math.min(this.lines.length - 1, this.row + count);
        break;
      case 'G':
        this.col = count - 1;
        break;
      case 'K':
        // 0 (default): to the end of the line; 2: the whole line.
        this.lines[this.row] = params === '2' ? '' : this.lines[this.row]!.slice(0, this.col);
        break;
      case 'J':
        // Erase below (BuildKit clears the old frame before drawing the next).
        this.lines[this.row] = this.lines[this.row]!.slice(0, this.col);
        this.lines.length = this.row + 1;
        break;
      default:
        break;
    }
    return j;
  }

  toString(): string {
    return this.lines.map((l) => l.replace(/\s+$/, '')).join('\n').replace(/\n+$/, '');
  }
}

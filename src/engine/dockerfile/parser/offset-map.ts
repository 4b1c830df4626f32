/**
 * Positions for a logical line: an instruction joined from continuation lines is parsed as one string,
 * and this maps each offset in it back to the source line and column it came from.
 */
import type { Position, SourceRange } from '../types.ts';

/** Maps offsets in a joined logical line back to source positions. */
export class OffsetMap {
  /** Flat triples (offset, line, column) of each segment; most instructions have one. */
  private segs: number[];
  private endPos: Position = { line: 1, column: 0 };
  constructor(offset?: number, line?: number, column?: number) {
    this.segs = offset === undefined ? [] : [offset, line!, column!];
  }
  add(offset: number, line: number, column: number): void {
    this.segs.push(offset, line, column);
  }
  setEnd(p: Position): void {
    this.endPos = p;
  }
  private seg(offset: number): number {
    const g = this.segs;
    let lo = 0;
    let hi = g.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (g[mid * 3]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo * 3;
  }
  at(offset: number): Position {
    if (this.segs.length === 0) return { line: this.endPos.line, column: this.endPos.column };
    const k = this.seg(offset);
    const g = this.segs;
    return { line: g[k + 1]!, column: g[k + 2]! + (offset - g[k]!) };
  }
  range(start: number, end: number): SourceRange {
    return { start: this.at(start), end: end <= start ? this.at(start) : this.atEnd(end) };
  }
  /** Position just after the character at end-1. */
  atEnd(end: number): Position {
    if (this.segs.length === 0) return { line: this.endPos.line, column: this.endPos.column };
    const k = this.seg(end - 1);
    const g = this.segs;
    return { line: g[k + 1]!, column: g[k + 2]! + (end - g[k]!) };
  }
  shifted(by: number): OffsetMap {
    const m = new OffsetMap();
    const g = this.segs;
    for (let i = 0; i < g.length; i += 3) {
      const off = g[i]! - by;
      if (off < 0) {
        const nextOff = i + 3 < g.length ? g[i + 3]! - by : Infinity;
        if (nextOff > 0) m.add(0, g[i + 1]!, g[i + 2]! - off);
      } else m.add(off, g[i + 1]!, g[i + 2]!);
    }
    m.endPos = this.endPos;
    return m;
  }
}

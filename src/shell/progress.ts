// BuildKit-style build progress, rendered from the engine's typed events. Two modes, as buildx has:
// plain (`#N name`, `#N DONE 0.3s`) and tty (the `[+] Building` block redrawn in place). Non-tty output
// never contains ANSI codes.
import type { BuildEvent, EngineEvent } from '../engine/index.ts';
import { progressBytes } from './units.ts';
import { printableName, printableText } from '../workspace/names.ts';

/**
 * BuildKit's limits on one step's log (util/progress/logs/logs.go): at most 2 MiB in all, and at most
 * 200 KiB per second since the step started (the budget is ceil(seconds) × 200 KiB). Past a limit
 * writes are dropped and "[output clipped, log limit 2MiB reached]" (or "200KiB/s") is logged once,
 * until a write fits again.
 */
export const STEP_LOG_MAX_BYTES = 2 * 1024 * 1024;
export const STEP_LOG_MAX_SPEED = 200 * 1024;
/**
 * The tty display redraws at most once per 100 ms (progressui display.go: displayTimeout, with a
 * rate limiter), whatever the number of events, and once more when the build ends.
 */
export const TTY_REDRAW_MS = 100;

const utf8 = new TextEncoder();

interface VertexView {
  readonly id: string;
  readonly num: number;
  readonly name: string;
  readonly startedAt: number;
  status: 'running' | 'done' | 'cached' | 'error' | 'canceled';
  durationMs: number;
  readonly statuses: Map<string, { name: string; text: string; seconds?: number; done: boolean }>;
  readonly logs: { at: number; text: string }[];
  /** Log bytes seen so far, and whether output is being clipped (BuildKit's streamWriter state). */
  logBytes: number;
  clipping: boolean;
}

const ESC = '\x1b[';
const BLUE = `${ESC}34m`;
const RED = `${ESC}31m`;
const RESET = `${ESC}0m`;
const YELLOW = `${ESC}33m`;
const FAINT = `${ESC}2m`;

function secs(ms: number): string {
  return (ms / 1000).toFixed(1) + 's';
}

function logTime(seconds: number): string {
  if (seconds < 10) return seconds.toFixed(3);
  if (seconds < 100) return seconds.toFixed(2);
  return seconds.toFixed(1);
}

/** The status text BuildKit prints for a sub-row, without the `#N ` prefix. */
function statusText(e: Extract<BuildEvent, { type: 'step-status' }>): string {
  let out = e.name;
  if (e.bytes && e.current !== undefined) {
    out += e.total !== undefined ? ` ${progressBytes(e.current)} / ${progressBytes(e.total)}` : ` ${progressBytes(e.current)}`;
  }
  // BuildKit prints a status's time only when it took more than 10ms.
  if (e.seconds !== undefined && e.seconds > 0.01) out += ` ${e.seconds.toFixed(1)}s`;
  if (e.done) out += ' done';
  return out;
}

export type ProgressMode = 'plain' | 'tty' | 'quiet';

export interface ProgressSink {
  write(s: string): void;
}

export class ProgressPrinter {
  private readonly mode: ProgressMode;
  private readonly out: ProgressSink;
  private readonly columns: number;
  private readonly vertices = new Map<string, VertexView>();
  private readonly order: VertexView[] = [];
  private started = false;
  private lastPrinted: string | undefined;
  private pendingError: string | undefined;
  private errorEvent: Extract<BuildEvent, { type: 'error' }> | undefined;
  private drawnLines = 0;
  private now = 0;
  private finished = false;
  private lastDraw = -Infinity;
  private redrawTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(mode: ProgressMode, out: ProgressSink, columns = 80) {
    this.mode = mode;
    this.out = out;
    this.columns = Math.max(40, columns);
  }

  /** The log lines BuildKit keeps of one write: cut at the step's limit, then the clip notice once. */
  private clipLog(v: VertexView, text: string, at: number): string[] {
    const n = utf8.encode(text).length + 1;
    v.logBytes += n;
    const seconds = Math.max(1, Math.ceil((at - v.startedAt) / 1000));
    const bySpeed = seconds * STEP_LOG_MAX_SPEED < STEP_LOG_MAX_BYTES;
    if (v.logBytes <= (bySpeed ? seconds * STEP_LOG_MAX_SPEED : STEP_LOG_MAX_BYTES)) {
      v.clipping = false;
      return [text];
    }
    // In this lab a write is one line: the line that crosses the limit is dropped whole.
    if (v.clipping) return [];
    v.clipping = true;
    return [`[output clipped, log limit ${bySpeed ? '200KiB/s' : '2MiB'} reached]`];
  }

  handle(event: EngineEvent): void {
    if (!('buildId' in event)) return;
    this.now = Math.max(this.now, event.at);
    switch (event.type) {
      case 'build-start':
        if (this.mode === 'plain') this.out.write('#0 building with "default" instance using docker driver\n\n');
        this.started = true;
        break;
      case 'step-start': {
        const v: VertexView = { id: event.stepId, num: this.order.length + 1, name: printableName(event.name), startedAt: event.at, status: 'running', durationMs: 0, statuses: new Map(), logs: [], logBytes: 0, clipping: false };
        this.vertices.set(event.stepId, v);
        this.order.push(v);
        if (this.mode === 'plain') this.plainHeader(v);
        break;
      }
      case 'step-status': {
        const v = this.vertices.get(event.stepId);
        if (!v) break;
        const text = statusText(event);
        v.statuses.set(event.statusId, { name: event.name, text, seconds: event.seconds, done: event.done });
        if (this.mode === 'plain' && event.done) {
          this.plainHeader(v);
          this.out.write(`${v.id} ${text}\n`);
        }
        break;
      }
      case 'log': {
        const v = this.vertices.get(event.stepId);
        if (!v) break;
        const kept = this.clipLog(v, event.text, event.at);
        if (kept.length === 0) return;
        for (const text of kept) v.logs.push({ at: event.at, text });
        // Only the lines the tty frame and the error block show are kept.
        if (v.logs.length > 64) v.logs.splice(0, v.logs.length - 16);
        if (this.mode === 'plain') {
          this.plainHeader(v);
          for (const text of kept) this.out.write(`${v.id} ${logTime((event.at - v.startedAt) / 1000)} ${text}\n`);
        }
        break;
      }
      case 'step-done': {
        const v = this.vertices.get(event.stepId);
        if (!v) break;
        v.status = event.status;
        v.durationMs = event.durationMs;
        if (this.mode === 'plain') {
          this.plainHeader(v);
          if (event.status === 'done') this.out.write(`${v.id} DONE ${secs(event.durationMs)}\n`);
          else if (event.status === 'cached') this.out.write(`${v.id} CACHED\n`);
          else if (event.status === 'canceled') this.out.write(`${v.id} CANCELED\n`);
          else this.pendingError = v.id;
        }
        break;
      }
      case 'error': {
        this.errorEvent = event;
        if (this.mode === 'plain' && event.stepId && this.pendingError === event.stepId) {
          const v = this.vertices.get(event.stepId)!;
          this.plainHeader(v);
          this.out.write(`${v.id} ERROR: ${printableText(event.vertexMessage ?? event.message)}\n`);
          this.pendingError = undefined;
        }
        break;
      }
      case 'build-done':
        this.finished = true;
        break;
      default:
        break;
    }
    if (this.mode === 'tty' && this.started) this.requestRedraw();
  }

  /** Draws now when the last frame is at least TTY_REDRAW_MS old (or the build ended), else soon. */
  private requestRedraw(): void {
    const now = Date.now();
    if (this.finished || now - this.lastDraw >= TTY_REDRAW_MS) {
      this.redraw();
      return;
    }
    this.redrawTimer ??= setTimeout(() => {
      this.redrawTimer = null;
      if (!this.finished) this.redraw();
    }, TTY_REDRAW_MS - (now - this.lastDraw));
  }

  /** Plain mode prints `#N name` once per block, with a blank line between blocks. */
  private plainHeader(v: VertexView): void {
    if (this.lastPrinted === v.id) return;
    const prev = this.lastPrinted !== undefined ? this.vertices.get(this.lastPrinted) : undefined;
    // Leaving a vertex that has not finished: BuildKit marks it `#N ...` and prints its header again later.
    if (prev && prev.status === 'running') this.out.write(`${prev.id} ...\n`);
    if (this.lastPrinted !== undefined) this.out.write('\n');
    this.out.write(`${v.id} ${v.name}\n`);
    this.lastPrinted = v.id;
  }

  /** The frame BuildKit's tty display draws (progressui display.go rules: widths, timers, FINISHED). */
  private ttyRows(): string[] {
    const width = this.columns;
    const total = this.order.length;
    const completed = this.order.filter((v) => v.status !== 'running').length;
    const finished = this.finished && completed > 0 && completed === total;
    // align(l, r, w): l left-justified to w-len(r)-1, a space, then r.
    const align = (l: string, r: string, w: number): string => l.padEnd(Math.max(0, w - r.length - 1)) + ' ' + r;
    const timer = (ms: number): string => {
      const sec = ms < 50 ? 0 : ms / 1000;
      return ` ${sec.toFixed(1).padStart(3)}s`;
    };
    const rows: string[] = [];
    // The header's right part is the builder name; the trailing newline is not counted here.
    rows.push(align(`[+] Building ${(this.now / 1000).toFixed(1)}s (${completed}/${total}) ${finished ? 'FINISHED' : ''}`, 'docker:default', width - 1));
    const row = (pfx: string, name: string, ms: number): string => {
      const t = timer(ms);
      // len(timer) in BuildKit includes its newline.
      const left = width - pfx.length - (t.length + 1) - 1;
      const cut = name.length > left ? name.slice(0, Math.max(0, left)) : name;
      return align(pfx + cut, t, width - 1);
    };
    for (const v of this.order) {
      const prefix = v.status === 'cached' ? 'CACHED ' : v.status === 'error' ? 'ERROR ' : v.status === 'canceled' ? 'CANCELED ' : '';
      const dur = v.status === 'running' ? this.now - v.startedAt : v.durationMs;
      const color = v.status === 'error' ? RED : v.status === 'canceled' ? YELLOW : v.status === 'running' ? '' : BLUE;
      const paint = (line: string): string => (color ? color + line + RESET : line);
      rows.push(paint(row(' => ', prefix + v.name, dur)));
      for (const st of v.statuses.values()) {
        const text = st.text.replace(/ done$/, '').replace(/ \d+\.\ds$/, '');
        rows.push(paint(row(' => => ', text, (st.seconds ?? 0) * 1000)));
      }
      if (v.status === 'running') {
        for (const log of v.logs.slice(-6)) rows.push(`${FAINT} => => # ${log.text}`.slice(0, width + FAINT.length) + RESET);
      }
    }
    return rows;
  }

  private showSubRows(v: VertexView): boolean {
    // BuildKit keeps the sub-rows of vertices that have them (exporting, FROM pulls, transfers).
    return v.statuses.size > 0;
  }

  private redraw(): void {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.redrawTimer = null;
    this.lastDraw = Date.now();
    const rows = this.ttyRows();
    let s = '';
    if (this.drawnLines > 0) s += `${ESC}${this.drawnLines}A\r`;
    for (const r of rows) s += `${ESC}2K${r}\n`;
    // Clear what is left of a taller previous frame (log tails disappear when a step ends).
    s += `${ESC}J`;
    this.out.write(s);
    this.drawnLines = rows.length;
  }

  /**
   * After the build: the failed vertex's log block, the Dockerfile snippet and buildx's `ERROR:` line (to
   * `err`), then lint warnings. Returns nothing; the caller decides the exit status.
   */
  finish(err: ProgressSink, warnings: readonly { rule: string; message: string; line: number }[] = []): void {
    const e = this.errorEvent;
    // The last frame is drawn before anything else is printed (a build that ended without build-done).
    if (this.redrawTimer) this.redraw();
    if (this.mode === 'quiet' && !e) return;
    let w = '';
    if (warnings.length && this.mode !== 'quiet') {
      w = `\n ${warnings.length} warning${warnings.length === 1 ? '' : 's'} found (use docker --debug to expand):\n`;
      for (const x of warnings) w += ` - ${x.rule}: ${x.message} (line ${x.line})\n`;
    }
    if (e) {
      if (this.mode === 'plain' && this.pendingError) {
        const v = this.vertices.get(this.pendingError)!;
        this.plainHeader(v);
        this.out.write(`${v.id} ERROR: ${printableText(e.vertexMessage ?? e.message)}\n`);
      }
      const failed = this.order.filter((v) => v.status === 'error');
      let block = '';
      for (const v of failed) {
        block += `------\n > ${v.name}:\n`;
        for (const l of v.logs.slice(-10)) block += `${logTime((l.at - v.startedAt) / 1000)} ${l.text}\n`;
        block += '------\n';
      }
      // buildx prints the build's warnings after the progress and before the error with its snippet.
      block += w;
      w = '';
      if (e.source && e.sourceText !== undefined) block += sourceSnippet(e.source.file, e.sourceText, e.source.startLine, e.source.endLine);
      block += `ERROR: ${printableText(e.message)}\n`;
      if (this.mode !== 'quiet' || e) err.write((this.mode === 'plain' ? '' : '') + block);
    }
    if (w) err.write(w);
  }
}

/** BuildKit's source snippet (solver/errdefs/source.go rules: ±2 lines of padding for one line, ±1 otherwise). */
export function sourceSnippet(file: string, text: string, startLine: number, endLine: number): string {
  const lines = text.split('\n');
  let start = startLine;
  let end = Math.min(endLine, lines.length);
  if (start < 1 || start > lines.length) return '';
  const pad = end === start ? 4 : 2;
  let p = 0;
  while (p < pad) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
    p++;
  }
  let out = `${file}:${startLine}\n--------------------\n`;
  for (let i = start; i <= end; i++) {
    const marked = i >= startLine && i <= Math.max(startLine, endLine);
    out += ` ${String(i).padStart(3)} | ${marked ? '>>>' : '   '} ${lines[i - 1]}\n`;
  }
  return out + '--------------------\n';
}

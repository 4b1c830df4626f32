// Docker-style text for pull and push events. The daemon streams JSON messages; the CLI prints them
// (moby jsonmessage): on a terminal each layer keeps one line that is redrawn in place with a progress
// bar; elsewhere progress updates are dropped and every status is its own line.
import type { PullEvent, PullLayerState, PushEvent, PushLayerState, TransferEvent } from './events.ts';
import { humanSize } from '../units.ts';

/** One message of docker's JSON progress stream. */
export interface ProgressMessage {
  readonly at: number;
  readonly id?: string;
  readonly status: string;
  /** Present for per-layer lines (zero for plain status updates), absent for plain messages. */
  readonly progress?: { readonly current: number; readonly total: number };
}

const PULL_STATUS: Partial<Record<PullLayerState, string>> = {
  'pulling-fs-layer': 'Pulling fs layer',
  'already-exists': 'Already exists',
  waiting: 'Waiting',
  'verifying-checksum': 'Verifying Checksum',
  'download-complete': 'Download complete',
  'pull-complete': 'Pull complete',
};

const PUSH_STATUS: Partial<Record<PushLayerState, string>> = {
  preparing: 'Preparing',
  waiting: 'Waiting',
  pushed: 'Pushed',
  'layer-already-exists': 'Layer already exists',
};

export interface PullSummary {
  /** Familiar reference for the Status line, e.g. `alpine:3.21`. */
  readonly familiar: string;
}

/** The daemon's messages for a pull (the CLI adds `Using default tag` before and the full reference after). */
export function pullMessages(events: readonly PullEvent[], summary: PullSummary): ProgressMessage[] {
  const out: ProgressMessage[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'pull-start':
        out.push({ at: e.at, id: e.tagOrDigest, status: `Pulling from ${e.repository}` });
        break;
      case 'pull-layer-state': {
        const status = PULL_STATUS[e.state];
        if (status) out.push({ at: e.at, id: e.id, status, progress: { current: 0, total: 0 } });
        break;
      }
      case 'pull-layer-progress':
        out.push({
          at: e.at,
          id: e.id,
          status: e.phase === 'downloading' ? 'Downloading' : 'Extracting',
          progress: { current: e.current, total: e.total },
        });
        break;
      case 'pull-done':
        out.push({ at: e.at, status: `Digest: ${e.digest}` });
        out.push({
          at: e.at,
          status: e.upToDate ? `Status: Image is up to date for ${summary.familiar}` : `Status: Downloaded newer image for ${summary.familiar}`,
        });
        break;
    }
  }
  return out;
}

/** The daemon's messages for a push (the CLI adds `Using default tag` before). */
export function pushMessages(events: readonly PushEvent[]): ProgressMessage[] {
  const out: ProgressMessage[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'push-start':
        out.push({ at: e.at, status: `The push refers to repository [${e.repository}]` });
        break;
      case 'push-layer-state': {
        const status = e.state === 'mounted' ? `Mounted from ${e.from}` : PUSH_STATUS[e.state];
        if (status) out.push({ at: e.at, id: e.id, status, progress: { current: 0, total: 0 } });
        break;
      }
      case 'push-layer-progress':
        out.push({ at: e.at, id: e.id, status: 'Pushing', progress: { current: e.current, total: e.total } });
        break;
      case 'push-done':
        out.push({ at: e.at, status: `${e.tag}: digest: ${e.digest} size: ${e.size}` });
        break;
    }
  }
  return out;
}

/** jsonmessage's progress text: a 50-cell bar (only wider than 110 columns) and `current/total`. */
export function progressText(current: number, total: number, columns: number): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const percentage = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  const bar = columns > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] ` : '';
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/** Non-terminal output: progress updates are dropped, every status is one line. */
export function plainLines(messages: readonly ProgressMessage[]): string[] {
  const lines: string[] = [];
  for (const m of messages) {
    if (m.progress && progressText(m.progress.current, m.progress.total, 0) !== '') continue;
    lines.push(m.id ? `${m.id}: ${m.status}` : m.status);
  }
  return lines;
}

const ESC = '\x1b[';

/** One chunk of terminal output, to be written at simulated time `at`. */
export interface TtyChunk {
  readonly at: number;
  readonly text: string;
}

/**
 * Terminal output: each layer ID owns a line that later messages redraw in place (cursor up, erase line,
 * write, cursor down), exactly as the docker CLI moves the cursor. A message without an ID clears the
 * table so later IDs start new lines.
 */
export function ttyChunks(messages: readonly ProgressMessage[], columns: number): TtyChunk[] {
  const chunks: TtyChunk[] = [];
  let ids = new Map<string, number>();
  for (const m of messages) {
    let text = '';
    let diff = 0;
    if (m.id && m.progress) {
      let line = ids.get(m.id);
      if (line === undefined) {
        line = ids.size;
        ids.set(m.id, line);
        text += '\n';
      }
      diff = ids.size - line;
      text += `${ESC}${diff}A`;
    } else {
      ids = new Map();
    }
    if (m.progress) {
      text += `${ESC}2K\r`;
      const p = progressText(m.progress.current, m.progress.total, columns);
      text += `${m.id ? `${m.id}: ` : ''}${m.status} ${p}\r`;
    } else {
      text += `${m.id ? `${m.id}: ` : ''}${m.status}\n`;
    }
    if (m.id && m.progress) text += `${ESC}${diff}B`;
    chunks.push({ at: m.at, text });
  }
  return chunks;
}

/** The screen a terminal shows after the messages: one line per layer with its last status. */
export function ttyScreen(messages: readonly ProgressMessage[], columns: number): string[] {
  const lines: string[] = [];
  let ids = new Map<string, number>();
  for (const m of messages) {
    const body = m.progress
      ? `${m.id ? `${m.id}: ` : ''}${m.status} ${progressText(m.progress.current, m.progress.total, columns)}`
      : `${m.id ? `${m.id}: ` : ''}${m.status}`;
    if (m.id && m.progress) {
      const line = ids.get(m.id);
      if (line === undefined) {
        ids.set(m.id, lines.length);
        lines.push(body);
      } else lines[line] = body;
    } else {
      ids = new Map();
      lines.push(body);
    }
  }
  return lines;
}

export function isPullEvent(e: TransferEvent): e is PullEvent {
  return e.type.startsWith('pull-');
}

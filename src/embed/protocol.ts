// The embed's message protocol: what a host page and the lab's iframe say to each other through
// postMessage. Every message is an envelope { name, version, id?, type, payload? }. Requests from the
// host carry an id and get exactly one reply (`reply` or `error` with the same id). Events from the
// lab carry no id. Everything that arrives is validated here before anything acts on it: a message
// is data, never markup or code. This module is shared by the iframe side and the host element, so
// it stays small and imports nothing.

export const PROTOCOL_NAME = 'layerlab';
export const PROTOCOL_VERSION = 1;

/** A message larger than this (as JSON, or its binary parts) is refused whole. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** A command line sent with `run`. The lab's shell has its own limits beyond this. */
export const MAX_COMMAND_CHARS = 4096;
/** Request ids are short strings chosen by the host. */
const MAX_ID_CHARS = 64;

export type Theme = 'light' | 'dark';

/** Requests a host may send, with their payloads. */
export interface HostRequests {
  run: { command: string };
  reset: Record<string, never>;
  check: Record<string, never>;
  snapshot: Record<string, never>;
  restore: { snapshot: Snapshot };
  theme: { theme: Theme };
}
export type RequestType = keyof HostRequests;
export const REQUEST_TYPES: readonly RequestType[] = ['run', 'reset', 'check', 'snapshot', 'restore', 'theme'];

/** The events the lab sends out; the host element re-dispatches each as a `layerlab-<type>` DOM event. */
export const EVENT_TYPES = ['ready', 'command', 'build', 'pull', 'files', 'check', 'error', 'resize'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What `snapshot` returns and `restore` takes: the workspace's files as a zip, with its format and version. */
export interface Snapshot {
  readonly format: 'layerlab-snapshot';
  readonly version: 1;
  readonly zip: Uint8Array;
}

export interface Envelope {
  readonly name: typeof PROTOCOL_NAME;
  readonly version: number;
  readonly id?: string;
  readonly type: string;
  readonly payload?: unknown;
}

export type ParsedRequest = { [K in RequestType]: { readonly id: string; readonly type: K; readonly payload: HostRequests[K] } }[RequestType];

export function envelope(type: string, payload?: unknown, id?: string): Envelope {
  return id === undefined ? { name: PROTOCOL_NAME, version: PROTOCOL_VERSION, type, payload } : { name: PROTOCOL_NAME, version: PROTOCOL_VERSION, id, type, payload };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `data` looks like one of our envelopes at all (other scripts post messages too; those are ignored). */
export function isEnvelope(data: unknown): data is Envelope {
  return isRecord(data) && data.name === PROTOCOL_NAME && typeof data.type === 'string';
}

/** Rough size of a message: strings and byte arrays counted, bounded by a depth limit so a cyclic or deep payload cannot hang us. */
export function messageSize(value: unknown, depth = 0): number {
  if (depth > 8) return Infinity;
  if (typeof value === 'string') return value.length * 2;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += messageSize(v, depth + 1);
    return n;
  }
  if (isRecord(value)) {
    let n = 0;
    for (const [k, v] of Object.entries(value)) n += k.length * 2 + messageSize(v, depth + 1);
    return n;
  }
  return 8;
}

export class ProtocolError extends Error {
  readonly id: string | undefined;
  constructor(message: string, id?: string) {
    super(message);
    this.id = id;
  }
}

export function isSnapshot(value: unknown): value is Snapshot {
  return isRecord(value) && value.format === 'layerlab-snapshot' && value.version === 1 && value.zip instanceof Uint8Array;
}

/**
 * Validates a request from the host. Throws a ProtocolError (with the request's id when it had a
 * usable one) for anything malformed, so the caller can answer with an error and change nothing.
 */
export function parseRequest(data: unknown): ParsedRequest {
  if (!isEnvelope(data)) throw new ProtocolError('not a Layerlab message');
  const id = typeof data.id === 'string' && data.id.length > 0 && data.id.length <= MAX_ID_CHARS ? data.id : undefined;
  if (id === undefined) throw new ProtocolError('a request needs an id: a string of 1 to 64 characters');
  if (data.version !== PROTOCOL_VERSION) throw new ProtocolError(`protocol version ${String(data.version).slice(0, 20)} is not supported; this lab speaks version ${PROTOCOL_VERSION}`, id);
  if (messageSize(data) > MAX_MESSAGE_BYTES) throw new ProtocolError(`the message is larger than ${MAX_MESSAGE_BYTES} bytes`, id);
  const type = data.type;
  if (!(REQUEST_TYPES as readonly string[]).includes(type)) throw new ProtocolError(`unknown request type ${JSON.stringify(type.slice(0, 40))}`, id);
  const payload = data.payload === undefined ? {} : data.payload;
  if (!isRecord(payload)) throw new ProtocolError(`the payload of ${type} must be an object`, id);
  switch (type as RequestType) {
    case 'run': {
      const command = payload.command;
      if (typeof command !== 'string' || command.length === 0) throw new ProtocolError('run needs { command: string }', id);
      if (command.length > MAX_COMMAND_CHARS) throw new ProtocolError(`the command is longer than ${MAX_COMMAND_CHARS} characters`, id);
      if (/[\n\r]/.test(command)) throw new ProtocolError('run takes one command line, without line breaks', id);
      return { id, type: 'run', payload: { command } };
    }
    case 'restore': {
      if (!isSnapshot(payload.snapshot)) throw new ProtocolError('restore needs { snapshot } as returned by snapshot', id);
      return { id, type: 'restore', payload: { snapshot: payload.snapshot } };
    }
    case 'theme': {
      const theme = payload.theme;
      if (theme !== 'light' && theme !== 'dark') throw new ProtocolError('theme needs { theme: "light" | "dark" }', id);
      return { id, type: 'theme', payload: { theme } };
    }
    default:
      return { id, type: type as 'reset' | 'check' | 'snapshot', payload: {} };
  }
}

/** Validates a message from the lab's iframe, as the host element sees it. Returns null for anything that is not ours. */
export function parseLabMessage(data: unknown): { type: string; id?: string; payload: unknown } | null {
  if (!isEnvelope(data) || data.version !== PROTOCOL_VERSION) return null;
  if (data.id !== undefined && typeof data.id !== 'string') return null;
  const known = data.type === 'reply' || (EVENT_TYPES as readonly string[]).includes(data.type) || data.type === 'error';
  if (!known) return null;
  return { type: data.type, id: data.id, payload: data.payload };
}

// Gzip with fflate (pure JavaScript), not CompressionStream.
//
// Layer digests are taken over the compressed bytes, and the catalogue's digests are computed in
// Node at site build time and shipped to browsers, so the same input must give the same bytes in
// every runtime. CompressionStream is backed by the zlib each runtime vendors and updates on its
// own schedule (Chromium's fork also picks SIMD code paths by CPU), and DEFLATE leaves an encoder
// free to choose its matches, so equal bytes across Node, Chromium, versions and CPUs are not
// promised. It does happen: on the dev machine, CompressionStream('gzip') over the same 3 MB of
// binary-like bytes gave different output in Node 24.21 (zlib 1.3.2.1-motley) and in Chromium 156
// (Debian build), while a text buffer happened to match. fflate is one JS implementation that
// produces identical bytes everywhere (tests/unit/image/browser-determinism.test.ts runs our
// pipeline in Chromium and compares the digests with Node's). The price
// is speed: CompressionStream is several times faster (see tests/bench/image.bench.ts), and gzip
// is the largest cost of creating a layer.
//
// The 10-byte header is the one Go's compress/gzip writes: no file name, MTIME 0, XFL 0 at the
// default level, OS byte 255 ("unknown"). The deflate stream itself is fflate's (level 6, which is
// also Go's default level), so compressed digests are not byte-identical to BuildKit's; diffIDs,
// which are taken over the uncompressed tar, are what can match.
import { AsyncGzip, Gzip, gunzipSync } from 'fflate';
import { runSteps, runStepsPaced } from '../yield.ts';

export const GZIP_LEVEL = 6;

/**
 * The one gzip of a layer: pushes the chunks in order and returns the blob, pausing (yield) after
 * every push but the last so that a caller may let the event loop turn there. Same pushes, same bytes.
 */
function* gzipSteps(chunks: Iterable<Uint8Array>): Generator<void, Uint8Array> {
  const out: Uint8Array[] = [];
  let total = 0;
  const gz = new Gzip({ level: GZIP_LEVEL, mtime: 0 }, (data) => {
    out.push(data);
    total += data.length;
  });
  let pending: Uint8Array | undefined;
  for (const chunk of chunks) {
    if (pending) {
      gz.push(pending, false);
      yield;
    }
    pending = chunk;
  }
  gz.push(pending ?? new Uint8Array(0), true);
  const blob = out.length === 1 ? out[0]! : concat(out, total);
  blob[9] = 255; // OS: unknown, as Go's gzip.Writer writes it
  return blob;
}

/** Gzips chunks in order; returns the blob. */
export function gzipChunks(chunks: Iterable<Uint8Array>): Uint8Array {
  return runSteps(gzipSteps(chunks));
}

/**
 * gzipChunks with a turn of the event loop between chunks when the slice of real time is used up (the
 * same pushes, so the same bytes): where no worker compresses, a large layer does not hold the thread.
 */
export function gzipChunksPaced(chunks: Iterable<Uint8Array>): Promise<Uint8Array> {
  return runStepsPaced(gzipSteps(chunks));
}

/**
 * The same bytes as gzipChunks, compressed off the main thread where the runtime has Web Workers (the
 * browser: fflate's AsyncGzip runs the same Gzip in a worker, fed the same chunks, so its output is
 * identical). Elsewhere (Node: the CLI, the catalogue tools, tests) it is gzipChunks. A browser that
 * refuses the worker (a content security policy) gets gzipChunks too.
 */
export async function gzipChunksAsync(chunks: Iterable<Uint8Array>): Promise<Uint8Array> {
  const list = [...chunks];
  if (!(await blobWorkersStart())) return gzipChunksPaced(list);
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      const out: Uint8Array[] = [];
      let total = 0;
      const gz = new AsyncGzip({ level: GZIP_LEVEL, mtime: 0 }, (err, data, final) => {
        if (err) {
          reject(err);
          return;
        }
        out.push(data);
        total += data.length;
        if (!final) return;
        const blob = out.length === 1 ? out[0]! : concat(out, total);
        blob[9] = 255;
        resolve(blob);
      });
      // Copies: the worker takes over the buffers it is given, and these are views of one tar.
      if (list.length === 0) gz.push(new Uint8Array(0), true);
      list.forEach((chunk, i) => gz.push(chunk.slice(), i === list.length - 1));
    });
  } catch {
    workersRefused = true;
    return gzipChunksPaced(list);
  }
}

let workersRefused = false;
let probe: Promise<boolean> | undefined;

/**
 * Whether a worker made from a blob: URL (what fflate starts) runs here. A page whose content security
 * policy forbids them gets an error event, or no answer at all, instead of an exception; fflate does not
 * listen for either, so the gzip would never finish. Asked once.
 */
function blobWorkersStart(): Promise<boolean> {
  const W = (globalThis as { Worker?: typeof Worker }).Worker;
  if (typeof W !== 'function' || workersRefused) return Promise.resolve(false);
  probe ??= new Promise<boolean>((resolve) => {
    let worker: Worker | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (ok: boolean): void => {
      if (timer !== undefined) clearTimeout(timer);
      worker?.terminate();
      if (!ok) workersRefused = true;
      resolve(ok);
    };
    try {
      worker = new W(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
      worker.onmessage = () => done(true);
      worker.onerror = () => done(false);
      timer = setTimeout(() => done(false), 5000);
    } catch {
      done(false);
    }
  });
  return probe;
}

export function gzip(data: Uint8Array): Uint8Array {
  return gzipChunks([data]);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzip(data: Uint8Array): Uint8Array {
  return gunzipSync(data);
}

export function concat(parts: readonly Uint8Array[], total?: number): Uint8Array {
  const size = total ?? parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

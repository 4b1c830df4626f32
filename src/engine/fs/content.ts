// File content. Small files hold real bytes; bulk files (binaries, libraries) are described by a seed
// and a size and only turned into bytes when hashing or export needs them.

export interface BytesContent {
  readonly kind: 'bytes';
  readonly data: Uint8Array;
}

/**
 * Deterministic bulk content. `repeat` is the fraction of 64-byte chunks that copy an earlier chunk,
 * which is what makes the data compressible: 0.6 gives roughly the 2-3x gzip ratio of real binaries.
 */
export interface GeneratedContent {
  readonly kind: 'generated';
  readonly seed: string;
  readonly size: number;
  readonly repeat: number;
}

export type Content = BytesContent | GeneratedContent;

export const DEFAULT_REPEAT = 0.6;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function textContent(text: string): BytesContent {
  return { kind: 'bytes', data: encoder.encode(text) };
}

export function bytesContent(data: Uint8Array): BytesContent {
  return { kind: 'bytes', data };
}

export function generatedContent(seed: string, size: number, repeat = DEFAULT_REPEAT): GeneratedContent {
  return { kind: 'generated', seed, size, repeat };
}

export function contentSize(content: Content): number {
  return content.kind === 'bytes' ? content.data.byteLength : content.size;
}

/** Decodes content as UTF-8 text (generated content decodes to its bytes, which are not meant to be read). */
export function contentText(content: Content): string {
  return decoder.decode(materialize(content));
}

/** FNV-1a over the seed string: a 32-bit starting state for the generator. */
function seedState(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 0x9e3779b9;
}

const CHUNK = 64;

/** Writes `size` deterministic bytes for `seed` into `out` (which must be `size` long). */
function generateInto(content: GeneratedContent, out: Uint8Array): void {
  let x = seedState(content.seed);
  const next = (): number => {
    // xorshift32: fast, deterministic and good enough for filler bytes.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const threshold = Math.floor(content.repeat * 0x100000000);
  for (let pos = 0; pos < out.length; pos += CHUNK) {
    const end = Math.min(pos + CHUNK, out.length);
    if (pos >= 4096 && next() < threshold) {
      // Copy an earlier chunk from within the last 4 KiB, as repeated code and tables do in real binaries.
      const back = CHUNK * (1 + (next() % 63));
      out.copyWithin(pos, pos - back, pos - back + (end - pos));
    } else {
      for (let i = pos; i < end; i += 4) {
        const r = next();
        out[i] = r & 0xff;
        if (i + 1 < end) out[i + 1] = (r >>> 8) & 0xff;
        if (i + 2 < end) out[i + 2] = (r >>> 16) & 0xff;
        if (i + 3 < end) out[i + 3] = r >>> 24;
      }
    }
  }
}

/** The content's bytes. Generated content is produced on demand and not cached. */
export function materialize(content: Content): Uint8Array {
  if (content.kind === 'bytes') return content.data;
  const out = new Uint8Array(content.size);
  generateInto(content, out);
  return out;
}

/** True when both contents hold the same bytes; cheap when they are the same object or the same seed. */
export function sameContent(a: Content, b: Content): boolean {
  if (a === b) return true;
  if (contentSize(a) !== contentSize(b)) return false;
  if (a.kind === 'generated' && b.kind === 'generated' && a.seed === b.seed && a.repeat === b.repeat) return true;
  const x = materialize(a);
  const y = materialize(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

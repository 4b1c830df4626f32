// SHA-256 through WebCrypto (crypto.subtle), which Node 24 and every browser provide natively.
//
// WebCrypto cannot hash incrementally: `digest` takes the whole input. We buffer: a layer's tar is
// built in one pre-sized buffer and hashed in one call. The alternative, an incremental pure-JS
// hash, is much slower: hashing 50 MB side by side on the 2-core dev machine (under load) gave
// 36 MB/s for @noble/hashes 2.4.0 (sha256.create/update in 1 MiB chunks) against 211 MB/s for
// crypto.subtle, and the tar + sha256 target is >= 200 MB/s (tests/bench/image.bench.ts measures
// ours). Holding one layer in memory is fine for the sizes the lab allows (tens of MB); the cost
// is a second copy of a layer while it is hashed, never the whole image.

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

const encoder = new TextEncoder();

/** `sha256:<hex>` of the bytes (strings are hashed as UTF-8). */
export async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return 'sha256:' + toHex(new Uint8Array(digest));
}

/** The hex part of a `sha256:<hex>` digest. */
export function digestHex(digest: string): string {
  const i = digest.indexOf(':');
  return i < 0 ? digest : digest.slice(i + 1);
}

/** ChainIDs: ChainID(L0) = DiffID(L0); ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln)). */
export async function chainIds(diffIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const diffId of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? diffId : await sha256(`${prev} ${diffId}`));
  }
  return out;
}

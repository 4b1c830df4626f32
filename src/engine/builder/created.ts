// Creation times of a built image, set the way BuildKit sets them.
//
// - The Dockerfile frontend writes each history entry with no time, or with SOURCE_DATE_EPOCH when that
//   build arg is set (dockerfile2llb/convert.go commitToHistory; the arg comes from --build-arg or a global
//   ARG with a value, getBuildArgValue; buildx passes the client's SOURCE_DATE_EPOCH environment variable
//   as the build arg when --build-arg does not give it, commands/build.go).
// - The exporter gives a layer's entry the time its cache record was made, so a step taken from the cache
//   keeps the time of the build that first ran it; entries without a layer take the time of the first new
//   layer, or of the layer before them (exporter/containerimage/writer.go normalizeLayersAndHistory).
// - With an epoch, every entry after the base image's own entries that is later than the epoch (or has no
//   time) becomes the epoch (patchImageConfig). The image's `created` is the last entry's time.
// - BuildKit rewrites the files' mtimes inside layers only with the exporter option rewrite-timestamp=true.
//   In this lab, files in layers always carry the lab's fixed times (see image/layer.ts), so layer digests
//   do not depend on when a build ran; only the config's times do.
import type { HistoryEntry } from '../image/index.ts';

/**
 * RFC 3339 as Go marshals a time.Time (RFC3339Nano): the fraction of a second with its trailing zeros cut,
 * none when whole. The engine's clock counts milliseconds, so two builds a moment apart differ.
 */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}

/**
 * The SOURCE_DATE_EPOCH build arg as BuildKit reads it (dockerfile2llb/epoch.go
 * resolveSourceDateEpochValue): empty means no epoch; an integer is seconds since 1970. BuildKit also
 * accepts `context` and stage names that resolve a time from git or HTTP sources; this lab does not.
 */
export function parseSourceDateEpoch(value: string | undefined): { seconds?: number; error?: string } {
  if (value === undefined || value === '') return {};
  if (/^[+-]?\d+$/.test(value)) {
    const seconds = Number(value);
    // Go's ParseInt(v, 10, 64) range; Date can show ±8.64e15 ms, which is the tighter limit here.
    if (Number.isSafeInteger(seconds) && Math.abs(seconds) <= 8.64e12) return { seconds };
  }
  return { error: `invalid SOURCE_DATE_EPOCH: ${value} (in this lab, SOURCE_DATE_EPOCH must be a whole number of seconds)` };
}

/**
 * Fills in the history times and returns the image's `created`.
 * `layerTimes[i]` is the creation time (ms) of the image's i-th layer, when known.
 * `baseEntries` is how many leading entries came unchanged from the base image (their times are kept).
 */
export function stampHistory(
  history: readonly HistoryEntry[],
  layerTimes: readonly (number | undefined)[],
  baseEntries: number,
  epochSeconds: number | undefined,
): { history: HistoryEntry[]; created: string | undefined } {
  const out = history.map((h) => ({ ...h }));
  let layerIndex = 0;
  for (const h of out) {
    if (h.empty_layer) continue;
    const t = layerTimes[layerIndex++];
    if (h.created === undefined && t !== undefined) h.created = rfc3339(t);
  }
  // The first time after an entry without one (the first new layer), else the last time seen.
  let created: string | undefined;
  let gap = false;
  for (const h of out) {
    if (h.created !== undefined) {
      created = h.created;
      if (gap) break;
    } else gap = true;
  }
  gap = false;
  for (const h of out) {
    if (h.created !== undefined) {
      if (gap) created = h.created;
    } else {
      gap = true;
      h.created = created;
    }
  }
  if (epochSeconds !== undefined) {
    const epoch = rfc3339(epochSeconds * 1000);
    for (let i = baseEntries; i < out.length; i++) {
      const h = out[i]!;
      if (h.created === undefined || Date.parse(h.created) > epochSeconds * 1000) h.created = epoch;
    }
  }
  for (const h of out) if (h.created === undefined) delete (h as { created?: string }).created;
  return { history: out, created: out.at(-1)?.created };
}

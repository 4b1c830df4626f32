// Simulated durations. Every figure is derived from the work a step did (bytes moved, files written,
// the interpreter's own duration for RUN) with the rates below, so the same build always shows the same
// times. The rates are the lab's assumptions, stated here in one place.

/** A registry round trip (resolving a tag to a digest), ms. */
export const REGISTRY_ROUND_TRIP_MS = 300;
/** Download rate for base image layers, bytes per ms (10 MB/s, a home connection). */
export const DOWNLOAD_BYTES_PER_MS = 10_000;
/** Extracting or unpacking layers, bytes per ms (200 MB/s). */
export const EXTRACT_BYTES_PER_MS = 200_000;
/** Sending the build context, bytes per ms (100 MB/s, local). */
export const CONTEXT_BYTES_PER_MS = 100_000;
/** Copying files inside the builder, bytes per ms (200 MB/s). */
export const COPY_BYTES_PER_MS = 200_000;
/** Compressing and exporting layers, bytes per ms (50 MB/s). */
export const EXPORT_BYTES_PER_MS = 50_000;
/** Fixed cost of a file operation (mkdir, copy setup), ms. */
export const FILE_OP_MS = 10;

export function ms(bytes: number, rate: number): number {
  return Math.round(bytes / rate);
}

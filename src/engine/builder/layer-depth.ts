// How many layers one image may stack, as Docker's classic image store allows:
// - a step's mount (a RUN, or the copy of a COPY) fails when the overlay2 driver would need more
//   than 128 lower directories: `if len(lowers) > maxDepth { return "", errors.New("max depth exceeded") }`
//   (moby daemon/graphdriver/overlay2/overlay.go, maxDepth = 128); BuildKit reports it as
//   "failed to prepare <snapshot id>: max depth exceeded";
// - registering the image's layers fails past 125 (moby daemon/internal/layer/layer_store.go,
//   maxLayerDepth = 125: "the 127 max in some graphdrivers plus the 2 additional layers used to
//   create a rwlayer"), with ErrMaxDepthExceeded, "max depth exceeded".
import type { Layer } from '../image/index.ts';

/** overlay2's maxDepth: lower directories one mount may stack. */
export const MAX_MOUNT_LOWERS = 128;
/** The layer store's maxLayerDepth: layers one image may chain. */
export const MAX_IMAGE_LAYERS = 125;

/**
 * BuildKit names a snapshot with identity.NewID(): 25 base-36 characters. The lab derives them from
 * the top layer's digest so that the same build prints the same message.
 */
function snapshotId(layers: readonly Layer[]): string {
  const hex = (layers.at(-1)?.digest ?? '').replace(/^sha256:/, '').padEnd(64, '0');
  let out = '';
  for (let i = 0; i < 25; i++) out += (parseInt(hex.slice(2 * i, 2 * i + 2), 16) % 36).toString(36);
  return out;
}

/** Before a step mounts the stage's layers: throws `fail(message)` when overlay2 would refuse the mount. */
export function checkMountDepth(layers: readonly Layer[], fail: (message: string) => Error): void {
  if (layers.length > MAX_MOUNT_LOWERS) throw fail(`failed to prepare ${snapshotId(layers)}: max depth exceeded`);
}

/** Before the image is exported: throws `fail(message)` when the layer store would refuse the chain. */
export function checkImageDepth(layers: readonly Layer[], fail: (message: string) => Error): void {
  if (layers.length > MAX_IMAGE_LAYERS) throw fail('max depth exceeded');
}

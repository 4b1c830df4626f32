// The config of an image the lab makes itself: one assembler for a build's export and for the
// catalogue's base images, so both carry the same fields. The runtime config goes in whole (User,
// ExposedPorts, Env, Entrypoint, Cmd, Volumes, WorkingDir, Labels, StopSignal, ArgsEscaped, Healthcheck,
// OnBuild, Shell); buildImageConfig writes it in Go's struct order and leaves out what is empty.
import { buildImage } from './oci.ts';
import type { ContainerConfig, HistoryEntry, Image, Layer } from './types.ts';

/** The one platform the lab builds and pulls for. */
export const LAB_PLATFORM = { architecture: 'amd64', os: 'linux' } as const;

export interface NewImage {
  readonly config: ContainerConfig;
  readonly history: readonly HistoryEntry[];
  /** RFC 3339; without it the image gets the lab's fixed catalogue date (SOURCE_DATE). */
  readonly created?: string;
}

/** Config and manifest of a new linux/amd64 image with these layers (bottom first). */
export function assembleImage(layers: readonly Layer[], image: NewImage): Promise<Image> {
  return buildImage(layers, {
    ...LAB_PLATFORM,
    config: image.config,
    history: image.history,
    ...(image.created !== undefined ? { created: image.created } : {}),
  });
}

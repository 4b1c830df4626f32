// Public API of the image module: layers as deterministic tars, digests, OCI config/manifest/index,
// and `docker save` / `docker load` archives. Pure TypeScript: runs unchanged in Node 24 and
// browsers (WebCrypto for SHA-256, fflate for gzip; see hash.ts and gzip.ts for why).
//
//   createLayer(changes)            Layer (diffId, digest, size, compressedSize, mediaType, changes)
//   diffLayer(lower, upper)         the same from two trees (ancestor metadata taken from `upper`)
//   primeLayer(changes, facts)      register digests computed ahead of time (shipped catalogue data)
//   layerTar(layer) / layerBlob     the tar in chunks / the gzip blob, for export
//   sha256, chainIds                digests
//   buildImageConfig, imageId       the config JSON as BuildKit writes it, and its digest
//   buildManifest, buildIndex       OCI manifest and index (JSON blobs with digest and size)
//   buildImage                      layers + config fields -> config + manifest
//   assembleImage                   the same for an image the lab makes (a build, a catalogue base)
//   applyLayers, readLayerTar       rootfs from layers; changes from a tar (whiteouts, opaque dirs)
//   writeImageArchive               `docker save` (OCI layout + manifest.json)
//   readImageArchive                `docker load`
//
// Costs to know: gzip (fflate, ~20-30 MB/s on the 2-core dev machine) is most of createLayer's
// time, so big base layers should be primed with shipped facts (primeLayer) rather than computed
// in the browser; reproduced layers skip gzip (results are recalled by diffID). crypto.subtle
// exists only in secure contexts (https or localhost) in browsers.

export type * from './types.ts';
export { sha256, chainIds, toHex, digestHex } from './hash.ts';
export {
  createLayer,
  diffLayer,
  layerTar,
  layerTarBytes,
  layerBlob,
  clearLayerCaches,
  primeLayer,
  type KnownLayerFacts,
  SOURCE_DATE_EPOCH,
  SOURCE_DATE,
  LAYER_MEDIA_TYPE,
  WHITEOUT_PREFIX,
  OPAQUE_WHITEOUT,
  type CreateLayerOptions,
} from './layer.ts';
export {
  MEDIA_TYPES,
  buildImageConfig,
  imageId,
  buildManifest,
  buildIndex,
  buildImage,
  descriptorOf,
  layerDescriptor,
  canonicalContainerConfig,
  HistoryMismatchError,
  normalizeHistory,
  type BuildImageConfigInput,
} from './oci.ts';
export { assembleImage, LAB_PLATFORM, type NewImage } from './config.ts';
export { applyLayers, applyChangeList, readLayerTar } from './apply.ts';
export { writeImageArchive, readImageArchive, parseReference, ImageArchiveError, type ParsedReference } from './archive.ts';
export { goJson } from './gojson.ts';
export { gzip, gunzip } from './gzip.ts';
export { TarFormatError } from './tar.ts';

// The simulated network. Everything moves in simulated milliseconds, derived only from byte counts,
// bandwidth and round trips, so the same pull gives the same timeline every time.

export interface NetworkProfile {
  readonly id: 'conference-wifi' | 'home' | 'datacentre' | 'custom';
  /** Label the lab shows, e.g. "conference Wi-Fi". */
  readonly label: string;
  /** Bytes per second shared by every transfer in flight. */
  readonly bytesPerSecond: number;
  /** Round-trip time of one HTTP request, ms. */
  readonly latencyMs: number;
}

/**
 * Presets. The bandwidths are the ones the lesson names (about 1, 10 and 100 MB/s, decimal). In this
 * lab the round-trip times are our choice for each kind of network: 100 ms, 30 ms and 2 ms.
 */
export const NETWORK_PRESETS = {
  'conference-wifi': { id: 'conference-wifi', label: 'conference Wi-Fi', bytesPerSecond: 1_000_000, latencyMs: 100 },
  home: { id: 'home', label: 'home', bytesPerSecond: 10_000_000, latencyMs: 30 },
  datacentre: { id: 'datacentre', label: 'datacentre', bytesPerSecond: 100_000_000, latencyMs: 2 },
} as const satisfies Record<string, NetworkProfile>;

export type NetworkPresetId = keyof typeof NETWORK_PRESETS;

export const DEFAULT_NETWORK: NetworkProfile = NETWORK_PRESETS.home;

export function networkPreset(id: string): NetworkProfile | undefined {
  const key = id.toLowerCase().replace(/[\s_]+/g, '-').replace('wi-fi', 'wifi');
  return (NETWORK_PRESETS as Record<string, NetworkProfile>)[key];
}

/**
 * In this lab a layer unpacks at a fixed 100 MB/s of uncompressed tar (the disk and CPU work of a pull
 * that the network does not cover). Extraction time = uncompressed size / this rate.
 */
export const EXTRACT_BYTES_PER_SECOND = 100_000_000;

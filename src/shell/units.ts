// The shell prints numbers exactly as the engine's renderers do: one implementation, in the engine.
export { dockerSize, humanDuration, humanSize, humanSizeWithPrecision, progressBytes } from '../engine/units.ts';

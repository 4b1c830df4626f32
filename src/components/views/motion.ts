// Motion for the pictures. The lab session's pacer (src/lab/pacer.ts) plays engine events in
// simulated time for the terminal and the pictures together; the views use its constants and
// controls. With reduced motion the pictures move nothing (no slides, no growing bars) but every
// state change is still shown, in order.
export { SPEEDS, MIN_SPEED, MAX_SPEED, MAX_GAP_MS, FAST_FACTOR, TICK_BUDGET_MS, playbackMs, realClock } from '../../lab/pacer.ts';
export type { Clock, PlayerState, MotionControls } from '../../lab/pacer.ts';

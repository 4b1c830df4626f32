// The lab's registry side: remote registry, simulated network, pulls and pushes as event timelines.
//
//   engine.registry                  the engine's RemoteRegistry and network profile (labRegistry(engine) reads it too)
//   pullImage(engine, ref)           resolves, plans and applies a pull; returns its events
//   pushImage(engine, ref)           plans and applies a push; returns its events
//   schedulePull / schedulePush      the pure schedulers (layer descriptors -> typed events)
//   pullMessages / pushMessages      events -> docker's JSON progress messages
//   plainLines / ttyChunks / ttyScreen   messages -> non-terminal lines, ANSI chunks, final screen
export * from './events.ts';
export * from './network.ts';
export * from './schedule.ts';
export * from './render.ts';
export * from '../units.ts';
export * from './remote.ts';
export * from './ops.ts';

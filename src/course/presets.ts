// The sample each challenge opens (its starting state's preset), for the embed: it must open the lab
// with the right sample before the lab's core, which holds the challenges, is running. A unit test keeps
// it equal to the challenges' own starting states (src/course/catalog.ts).
export const CHALLENGE_PRESETS: Readonly<Record<string, string>> = {
  'what-is-an-image/two-containers': 'node-app',
  'layers-by-hand/commit-a-layer': 'node-app@step-1',
  'dockerfile-steps/one-layer': 'nginx-site@step-1',
  'build-cache/reorder': 'node-app@step-1',
  'build-context/ignore-node-modules': 'node-app@step-2',
  'deleting-files/no-secret-in-layers': 'node-app@step-2',
  'multi-stage/small-final-image': 'go-app@step-1',
  'multi-stage/build-stage-only': 'go-app@step-2',
  'tags-and-digests/moving-tag': 'node-app@step-2',
  'sharing-layers/already-exists': 'node-app@step-2',
  'capstone/fix-the-dockerfile': 'node-app@step-1',
};

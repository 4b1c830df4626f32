// The project and the clock behind fixtures/saved-lab-v1*.json, and the commands whose output after a
// load was recorded there.
export const FIXTURE_FILES: Record<string, string> = {
  Dockerfile: 'FROM alpine:3.21\nRUN --mount=type=cache,target=/var/cache/lab echo v1 > /version && echo kept > /var/cache/lab/note\nCOPY app.txt /app/\nCMD ["cat", "/version"]\n',
  'app.txt': 'hello from the fixture\n',
};

/** 2026-12-01T12:00:00Z */
export const FIXTURE_CLOCK = Date.UTC(2026, 11, 1, 12, 0, 0);

export const AFTER_LOAD: readonly string[] = [
  'docker images',
  'docker images --digests',
  'docker ps -a',
  'docker diff keeper',
  'docker system df -v',
  'docker history learner/app:1',
  'docker search learner',
  'docker build -t learner/app:1 .',
  'docker run --rm learner/app:1',
];

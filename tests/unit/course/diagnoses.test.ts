// For every challenge: its starting state misses the goal, and a typical wrong attempt gets the intended
// diagnosis, with the engine's evidence in its text. The expected texts are written out by hand; the
// facts they quote (step numbers, layer positions, cache reasons, digests' short ids) are what the
// engine prints for the same commands (docker build --explain-cache, docker history, docker pull).
import { describe, expect, it } from 'vitest';
import { CHALLENGES, challengeById } from '../../../src/course/catalog.ts';
import { runChallenge } from '../../../src/course/run.ts';
import type { SolutionStep } from '../../../src/course/types.ts';

const run = (id: string, script: string) => runChallenge(challengeById(id)!, [{ run: script }]);

describe('every starting state misses the goal', () => {
  it.each(CHALLENGES.map((c) => c.id))('%s', async (id) => {
    const r = await runChallenge(challengeById(id)!, []);
    expect(r.verdict.pass).toBe(false);
    expect(r.verdict.pass ? '' : r.verdict.diagnosis).toBe('not-yet');
  });
});

interface Attempt {
  id: string;
  what: string;
  steps: SolutionStep[];
  diagnosis: string;
  /** Phrases the explanation must contain. */
  says: string[];
}

const ATTEMPTS: Attempt[] = [
  {
    id: 'what-is-an-image/two-containers',
    what: 'one container only',
    steps: [{ run: 'docker run --name one alpine:3.21 touch /hello.txt' }],
    diagnosis: 'one-container',
    says: ['So far one container, `one`, was made from alpine:3.21 (its writable layer: added /hello.txt). Run a second container from the same image.'],
  },
  {
    id: 'what-is-an-image/two-containers',
    what: 'the file in both containers',
    steps: [{ run: 'docker run --name a alpine:3.21 touch /hello.txt\ndocker run --name b alpine:3.21 touch /hello.txt' }],
    diagnosis: 'file-in-both',
    says: ['(`a`, `b`) has /hello.txt in its own writable layer'],
  },
  {
    id: 'layers-by-hand/commit-a-layer',
    what: 'the file written but never committed',
    steps: [{ run: "docker run --name writer alpine:3.21 sh -c 'echo hi > /greeting.txt'" }],
    diagnosis: 'not-committed',
    says: ['Container `writer` holds /greeting.txt in its writable layer, but there is no image greeting:v1 yet.'],
  },
  {
    id: 'layers-by-hand/commit-a-layer',
    what: 'a container committed that changed nothing',
    steps: [{ run: 'docker run --name w alpine:3.21 ls\ndocker commit w greeting:v1' }],
    diagnosis: 'no-file-in-layer',
    says: ["greeting:v1's top layer, the one docker commit made, is empty"],
  },
  {
    id: 'dockerfile-steps/one-layer',
    what: 'the starting Dockerfile built as it is (two COPY layers)',
    steps: [{ run: 'docker build -t site .' }],
    diagnosis: 'extra-layers',
    says: ['site adds 2 layers to nginx:alpine', 'Each COPY adds a layer; one COPY can take several files.'],
  },
  {
    id: 'dockerfile-steps/one-layer',
    what: 'RUN export instead of ENV',
    steps: [
      { write: 'Dockerfile', content: 'FROM nginx:alpine\nRUN export SITE_VERSION=1\nCOPY index.html style.css /usr/share/nginx/html/\n' },
      { run: 'docker build -t site .' },
    ],
    diagnosis: 'run-export',
    says: ['site’s layer 8 comes from `RUN export SITE_VERSION=1`', 'the image’s config has no SITE_VERSION'],
  },
  {
    id: 'dockerfile-steps/one-layer',
    what: 'ENV added but still two COPY steps',
    steps: [
      { write: 'Dockerfile', content: 'FROM nginx:alpine\nENV SITE_VERSION=1\nCOPY index.html /usr/share/nginx/html/\nCOPY style.css /usr/share/nginx/html/\n' },
      { run: 'docker build -t site .' },
    ],
    diagnosis: 'extra-layers',
    says: ['site adds 2 layers to nginx:alpine: layer 8 (`COPY index.html /usr/share/nginx/html/`), layer 9 (`COPY style.css /usr/share/nginx/html/`).'],
  },
  {
    id: 'build-cache/reorder',
    what: 'a code edit with COPY . . before npm ci',
    steps: [{ run: 'docker build -t app .\necho "// edit" >> src/index.js\ndocker build -t app .' }],
    diagnosis: 'install-reran',
    says: ['Step 4/4 `RUN npm ci` ran again because step 3/4 `COPY . .` changed: src/index.js changed content. Only the files npm needs should be copied before the install.'],
  },
  {
    id: 'build-cache/reorder',
    what: 'a fixed Dockerfile rebuilt without a code edit',
    steps: [
      { write: 'Dockerfile', content: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "src/index.js"]\n' },
      { run: 'docker build -t app .\ndocker build -t app .' },
    ],
    diagnosis: 'no-edit',
    says: ['took RUN npm ci from the cache, but no step of it saw src/index.js change'],
  },
  {
    id: 'build-context/ignore-node-modules',
    what: 'built with node_modules in the context',
    steps: [{ run: 'docker build -t app .' }],
    diagnosis: 'modules-sent',
    // 14.63kB is what `transferring context:` prints for this build; 4.96kB the three node_modules files.
    says: ['The build context sent 14.63kB, and 4.96kB of it is node_modules/ (3 files', 'the image’s express is 4.17.1, your laptop’s copy'],
  },
  {
    id: 'build-context/ignore-node-modules',
    what: '.dockerignore written but no rebuild',
    steps: [{ run: 'docker build -t app .\necho node_modules > .dockerignore' }],
    diagnosis: 'ignored-not-rebuilt',
    says: ['the last build of app ran before that'],
  },
  {
    id: 'deleting-files/no-secret-in-layers',
    what: 'the starting Dockerfile: COPY . . then RUN rm',
    steps: [{ run: 'docker build -t app .' }],
    diagnosis: 'whiteout-only',
    says: ['`.npmrc` is gone from the final filesystem, but layer 8 (`COPY . .`) still holds it; layer 9 (`RUN rm -f .npmrc`) only adds a whiteout. Anyone who pulls the image can read it.'],
  },
  {
    id: 'multi-stage/small-final-image',
    what: 'the single-stage Dockerfile',
    steps: [{ run: 'docker build -t hello .' }],
    diagnosis: 'toolchain-shipped',
    says: ['hello still holds the Go toolchain: /usr/local/go comes from layer 3 (`COPY /target/ /`), part of golang:1.23-alpine'],
  },
  {
    id: 'multi-stage/build-stage-only',
    what: 'a build without --target',
    steps: [{ run: 'docker build -t hello:build .' }],
    diagnosis: 'whole-build',
    says: ['hello:build holds no Go toolchain: it is the last stage'],
  },
  {
    id: 'tags-and-digests/moving-tag',
    what: 'both tags pushed from one build',
    steps: [{ run: 'docker login -u learner\ndocker build -t app .\ndocker tag app learner/app:1.0\ndocker tag app learner/app:latest\ndocker push learner/app:1.0\ndocker push learner/app:latest' }],
    diagnosis: 'latest-not-moved',
    says: ['learner/app:1.0 and learner/app:latest both point to', 'latest has not moved'],
  },
  {
    id: 'tags-and-digests/moving-tag',
    what: 'tagged and pushed without logging in',
    steps: [{ run: 'docker build -t app .\ndocker tag app learner/app:1.0\ndocker push learner/app:1.0' }],
    diagnosis: 'tagged-not-pushed',
    says: ['learner/app:1.0 is a tag in your local store only', 'once you are logged in as learner'],
  },
  {
    id: 'sharing-layers/already-exists',
    what: 'node:22-alpine pulled into an empty store',
    steps: [{ run: 'docker pull node:22-alpine' }],
    diagnosis: 'all-downloaded',
    // 578f51e87965 is the short id `docker pull alpine:3.21` prints for alpine's one layer.
    says: ['All 4 layers of node:22-alpine were downloaded', 'Its bottom layer 578f51e87965 is the one alpine:3.21 is made of.'],
  },
  {
    id: 'sharing-layers/already-exists',
    what: 'another alpine pulled first',
    steps: [{ run: 'docker pull alpine:3.20\ndocker pull node:22-alpine' }],
    diagnosis: 'other-alpine-first',
    says: ['You pulled alpine:3.20 first', 'node:22-alpine’s base layer 578f51e87965', 'Layers are shared by digest, not by name.'],
  },
  {
    // The size figure is the one `docker history app` prints for that layer (225MB in this lab's
    // Alpine package index, which follows the real packages' installed sizes).
    id: 'capstone/fix-the-dockerfile',
    what: 'the bad Dockerfile built as it is',
    steps: [{ run: 'docker build -t app .' }],
    diagnosis: 'build-tools',
    says: ['Layer 5 (`RUN apk add --no-cache python3 make g++`) adds 225MB: a C++ compiler, make and Python.', 'express is plain JavaScript'],
  },
  {
    id: 'capstone/fix-the-dockerfile',
    what: 'the build tools removed by a later RUN apk del',
    steps: [
      { write: 'Dockerfile', content: 'FROM node:22-alpine\nRUN apk add --no-cache python3 make g++\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN apk del python3 make g++\nRUN rm -f .npmrc\nCMD ["node", "src/index.js"]\n' },
      { run: 'docker build -t app .' },
    ],
    diagnosis: 'build-tools-hidden',
    says: ['The build tools are gone from the final filesystem, but layer 5 (`RUN apk add --no-cache python3 make g++`) still holds them: 225MB that every pull of app downloads.'],
  },
  {
    id: 'capstone/fix-the-dockerfile',
    what: 'the build tools gone, the secret only deleted',
    steps: [
      { write: 'Dockerfile', content: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN rm -f .npmrc\nCMD ["node", "src/index.js"]\n' },
      { run: 'docker build -t app .' },
    ],
    diagnosis: 'whiteout-only',
    says: ['`.npmrc` is gone from the final filesystem, but layer 6 (`COPY . .`) still holds it; layer 8 (`RUN rm -f .npmrc`) only adds a whiteout.'],
  },
  {
    id: 'capstone/fix-the-dockerfile',
    what: 'secret and cache fixed, still root',
    steps: [
      { run: 'echo .npmrc >> .dockerignore' },
      { write: 'Dockerfile', content: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "src/index.js"]\n' },
      { run: 'docker build -t app .\necho "// edit" >> src/index.js\ndocker build -t app .' },
    ],
    diagnosis: 'root-user',
    says: ['app runs as root: its config sets no user.'],
  },
];

describe('a typical wrong attempt gets the intended diagnosis', () => {
  it.each(ATTEMPTS.map((a) => [`${a.id}: ${a.what}`, a] as const))('%s', async (_name, a) => {
    const r = await runChallenge(challengeById(a.id)!, a.steps);
    expect(r.verdict.pass).toBe(false);
    if (r.verdict.pass) return;
    expect(r.verdict.diagnosis).toBe(a.diagnosis);
    for (const phrase of a.says) expect(r.verdict.message).toContain(phrase);
  });

  it('every challenge has at least one attempt here', () => {
    for (const c of CHALLENGES) expect(ATTEMPTS.map((a) => a.id)).toContain(c.id);
  });

  it('a diagnosis never gives the answer away: no message contains a whole solution line', async () => {
    for (const a of ATTEMPTS) {
      const c = challengeById(a.id)!;
      const r = await runChallenge(c, a.steps);
      const message = r.verdict.pass ? '' : r.verdict.message;
      for (const step of c.solution) if ('write' in step) for (const line of step.content.split('\n').filter((l) => l.length > 12)) expect(message).not.toContain(line);
    }
  }, 60_000);
});

describe('the sharing-layers challenge’s fact', () => {
  it('node:22-alpine’s bottom layer is alpine:3.21’s only layer, as its hint and diagnosis say', async () => {
    const r = await run('sharing-layers/already-exists', 'docker pull alpine:3.21\ndocker pull node:22-alpine');
    const alpine = r.engine.images.resolve('alpine:3.21')!;
    const node = r.engine.images.resolve('node:22-alpine')!;
    expect(alpine.layers).toHaveLength(1);
    expect(node.layers[0]!.digest).toBe(alpine.layers[0]!.digest);
    expect(alpine.layers[0]!.digest.slice(7, 19)).toBe('578f51e87965');
  });
});

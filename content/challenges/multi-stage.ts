// Challenges of the lesson "Multi-stage builds" (content/lessons/multi-stage.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { code, fileIn, imageOf, latestBuild, layerSteps, layersAdding, readText } from '../../src/course/facts.ts';

const GO = '/usr/local/go';
const BIN = '/usr/local/bin/hello';

function built(ctx: CheckContext, tag: string) {
  const b = latestBuild(ctx, tag);
  return b?.ok ? imageOf(ctx, tag) : undefined;
}

const failed = (tag: string) => ({
  id: 'build-failed',
  test: (ctx: CheckContext) => (latestBuild(ctx, tag)?.ok === false ? `The last build of ${tag} failed. The terminal shows the error; fix it and build again.` : undefined),
});

const challenges: ChallengeSpec[] = [
  {
    name: 'small-final-image',
    title: 'Ship the binary, not the compiler',
    goal: 'Build hello so that its image holds the compiled /usr/local/bin/hello but not the Go toolchain in /usr/local/go.',
    start: { preset: 'go-app@step-1' },
    goalMet: (ctx) => {
      const img = built(ctx, 'hello');
      return !!img && !!fileIn(img, BIN) && !fileIn(img, GO);
    },
    diagnoses: [
      failed('hello'),
      {
        id: 'toolchain-shipped',
        test: (ctx) => {
          const img = built(ctx, 'hello');
          if (!img || !fileIn(img, GO)) return undefined;
          const layer = layersAdding(img, GO)[0];
          return `hello still holds the Go toolchain: ${GO} comes from layer ${layer !== undefined ? `${layer + 1} (${code(layerSteps(img)[layer] || 'of its base image')})` : 'its base image'}, part of golang:1.23-alpine, which the last stage starts from. The image is the last stage of the Dockerfile: start a last stage from a small base and copy only the binary into it.`;
        },
      },
      {
        id: 'no-binary',
        test: (ctx) => {
          const img = built(ctx, 'hello');
          if (!img || fileIn(img, BIN)) return undefined;
          return `hello has no Go toolchain, but no ${BIN} either: the last stage must copy the binary from the build stage, with ${code('COPY --from=…')}.`;
        },
      },
    ],
    notYet: 'There is no build of hello since the challenge started. Build it with docker build -t hello ., then docker history hello.',
    explanation:
      'The last stage started from alpine:3.21 and COPY --from=build took only the compiled binary from the build stage. The Go toolchain stayed in the build stage, which is not part of the image.',
    hints: [
      'Build once and run docker history hello: which layers come from golang:1.23-alpine?',
      'Name the first stage (`FROM golang:1.23-alpine AS build`) and build the binary there, for example into /out/hello.',
      'Add a second stage: `FROM alpine:3.21` and `COPY --from=build /out/hello /usr/local/bin/hello`, then CMD ["hello"].',
    ],
    solution: [
      {
        write: 'Dockerfile',
        content:
          'FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY go.mod ./\nCOPY main.go ./\nRUN go build -o /out/hello .\n\nFROM alpine:3.21\nCOPY --from=build /out/hello /usr/local/bin/hello\nEXPOSE 8080\nCMD ["hello"]\n',
      },
      { run: 'docker build -t hello .' },
      { run: 'docker history hello' },
    ],
  },
  {
    name: 'build-stage-only',
    title: 'Stop at a stage',
    goal: 'Build only the build stage, tagged hello:build, so you can look inside the stage that compiles the binary.',
    start: { preset: 'go-app@step-2' },
    goalMet: (ctx) => {
      const b = latestBuild(ctx, 'hello:build');
      const img = built(ctx, 'hello:build');
      return !!b?.target && !!img && !!fileIn(img, GO) && !!fileIn(img, '/out/hello');
    },
    diagnoses: [
      failed('hello:build'),
      {
        id: 'whole-build',
        test: (ctx) => {
          const img = built(ctx, 'hello:build');
          if (!img || fileIn(img, GO)) return undefined;
          return 'hello:build holds no Go toolchain: it is the last stage, because docker build builds the last stage unless --target names another one.';
        },
      },
      {
        id: 'single-stage',
        test: async (ctx) => {
          const text = (await readText(ctx, 'Dockerfile')) ?? '';
          if (/^FROM\s+\S+\s+AS\s+build\b/im.test(text)) return undefined;
          return 'The Dockerfile has no stage named build any more: this challenge starts from the multi-stage Dockerfile (Reset challenge restores it).';
        },
      },
    ],
    notYet: 'There is no build of hello:build since the challenge started. Look at the stage names in the Dockerfile (cat Dockerfile) first.',
    explanation:
      'With --target build, BuildKit ran only the steps the build stage needs and made that stage the image: it holds the Go toolchain and the compiled /out/hello. The alpine stage was skipped.',
    hints: [
      'The first stage is named after AS: `FROM golang:1.23-alpine AS build`.',
      '`docker build --target build -t hello:build .` stops at that stage.',
    ],
    solution: [{ run: 'docker build --target build -t hello:build .' }, { run: 'docker history hello:build' }],
  },
];

export default challenges;

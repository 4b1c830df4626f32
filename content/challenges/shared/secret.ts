// Checks shared by the lesson "Deleting a file does not shrink an image" and the capstone: a secret
// file must be in no layer, not only hidden by a later one.
import type { CheckContext } from '../../../src/course/types.ts';
import { code, fileIn, imageOf, layersAdding, layersDeleting, layerSteps, readText } from '../../../src/course/facts.ts';

export const NPMRC = `//registry.npmjs.example/:_authToken=lab-sample-token-not-a-real-secret\n`;

/** Where a secret file is in an image: the layers that hold it and those that delete it. */
export function secretDiagnoses(tag: string, path: string, file: string) {
  const where = (ctx: CheckContext) => {
    const img = imageOf(ctx, tag);
    if (!img) return undefined;
    return { img, adds: layersAdding(img, path), deletes: layersDeleting(img, path), steps: layerSteps(img) };
  };
  return [
    {
      id: 'whiteout-only',
      test: async (ctx: CheckContext) => {
        const w = where(ctx);
        if (!w || w.adds.length === 0 || fileIn(w.img, path)) return undefined;
        const a = w.adds[0]!;
        const d = w.deletes[w.deletes.length - 1];
        const rebuilt = /(^|\n)\/?\.npmrc\s*(\n|$)/.test((await readText(ctx, '.dockerignore')) ?? '') ? ' (Your .dockerignore already leaves it out: build again.)' : '';
        return `${code(file)} is gone from the final filesystem, but layer ${a + 1} (${code(w.steps[a] ?? '')}) still holds it${d !== undefined ? `; layer ${d + 1} (${code(w.steps[d] ?? '')}) only adds a whiteout` : ''}. Anyone who pulls the image can read it.${rebuilt}`;
      },
    },
    {
      id: 'still-there',
      test: (ctx: CheckContext) => {
        const w = where(ctx);
        if (!w || !fileIn(w.img, path)) return undefined;
        const a = w.adds[0];
        return `${path} is in ${tag}’s filesystem${a !== undefined ? `, copied by layer ${a + 1} (${code(w.steps[a] ?? '')})` : ''}.`;
      },
    },
  ];
}

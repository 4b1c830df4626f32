// The sample projects the lab can open: the builder's index (node-app and the rest) plus the lab's
// Flask, nginx and Go samples. Each is a repository whose commits are lesson checkpoints.

import type { SampleLike } from '../workspace/samples.ts';
import { flaskApp } from '../samples/flask-app.ts';
import { nginxSite } from '../samples/nginx-site.ts';
import { goApp } from '../samples/go-app.ts';

// The index is read through Vite's glob import so the lab keeps building while it is being written.
const indexModules = import.meta.glob<{ SAMPLES?: Record<string, SampleLike> }>('../samples/index.ts', { eager: true });
const fromIndex: Record<string, SampleLike> = Object.values(indexModules)[0]?.SAMPLES ?? {};

export const LAB_SAMPLES: Readonly<Record<string, SampleLike>> = {
  'flask-app': flaskApp,
  'nginx-site': nginxSite,
  'go-app': goApp,
  ...fromIndex,
};

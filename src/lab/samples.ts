// The sample projects the lab can open (node-app, flask-app, nginx-site, go-app). Each is a repository
// whose commits are lesson checkpoints.
import type { SampleLike } from '../workspace/samples.ts';
import { SAMPLES } from '../samples/index.ts';

export const LAB_SAMPLES: Readonly<Record<string, SampleLike>> = SAMPLES;

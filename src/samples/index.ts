// The sample projects the lab can open. `node-app` is the default.
import { nodeApp } from './node-app.ts';
import { flaskApp } from './flask-app.ts';
import { nginxSite } from './nginx-site.ts';
import { goApp } from './go-app.ts';

export interface SampleCheckpoint {
  readonly name: string;
  readonly message: string;
  readonly files: Record<string, string>;
}

export interface Sample {
  readonly title: string;
  readonly files: Record<string, string>;
  readonly checkpoints?: readonly SampleCheckpoint[];
}

export const DEFAULT_SAMPLE = 'node-app';

export const SAMPLES: Record<string, Sample> = {
  'node-app': nodeApp,
  'flask-app': flaskApp,
  'nginx-site': nginxSite,
  'go-app': goApp,
};

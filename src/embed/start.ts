// Entry of the /embed/ page: reads the configuration from the URL, mounts the lab with it, then
// starts the message bridge to the host page and runs the start commands.

import { parseEmbedConfig, type EmbedConfig } from './config.ts';

function applyTheme(theme: 'light' | 'dark' | null): void {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export async function startEmbed(mount: HTMLElement, status: HTMLElement): Promise<void> {
  const config: EmbedConfig = parseEmbedConfig(location.search, location.hash);
  // light and dark are fixed; auto follows the system; host starts like auto until the host says.
  applyTheme(config.theme === 'light' || config.theme === 'dark' ? config.theme : null);
  const { startLab } = await import('../app/lab-app.ts');
  const course = config.challenge ? await import('./challenge.ts') : null;
  const challengePreset = config.challenge ? await course?.challengePreset(config.challenge) : undefined;
  const problems = [...config.problems];
  if (config.challenge && !challengePreset) problems.push(`There is no challenge ${JSON.stringify(config.challenge)} in the course; the lab opens without one.`);
  const hide = (['terminal', 'editor', 'files', 'pictures'] as const).filter((v) => !config.views.includes(v));
  let lab;
  try {
    lab = await startLab(mount, challengePreset ?? config.preset ?? 'node-app', {
      // A challenge has a workspace of its own, so it never touches the preset sample's files.
      workspace: challengePreset ? `embed-challenge-${config.challenge!.replace('/', '-')}` : undefined,
      storageKey: config.storageKey,
      hide,
      readonlyEditor: config.readonly.includes('editor'),
      readonlyFiles: config.readonly.includes('files'),
      files: config.files,
      ignoreShareLinks: true,
    });
  } catch {
    status.textContent = 'The lab could not start. Reload the page to try again.';
    return;
  }
  status.textContent = '';
  status.hidden = true;
  if (config.network) lab.session.setNetwork(config.network);
  const challenge = course && challengePreset ? await course.openEmbeddedChallenge(lab, config.challenge!) : undefined;
  const { startBridge } = await import('./bridge.ts');
  startBridge({
    config: { ...config, problems },
    lab,
    check: challenge?.check,
    reset: challenge?.reset,
    storage: lab.session.storage.kind,
    setTheme: (theme) => applyTheme(theme),
  });
  for (const command of config.run) await lab.runCommand(command);
}

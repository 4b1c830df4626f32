// A container's STATUS as `docker ps` and `docker system df -v` print it: the daemon's words (moby
// container/state.go, State.String), which the CLI shows as they are.
import { humanDuration } from '../units.ts';

export function statusColumn(c: { readonly state: 'created' | 'running' | 'exited'; readonly startedAt?: number; readonly finishedAt?: number; readonly exitCode?: number }, now: number): string {
  if (c.state === 'created') return 'Created';
  if (c.state === 'running') return `Up ${humanDuration(now - (c.startedAt ?? now))}`;
  return `Exited (${c.exitCode ?? 0}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
}

// The argv a container runs: Pod command/args over the image's ENTRYPOINT/CMD, as Kubernetes
// combines them (a command replaces both; args alone replace only CMD), then `$(VAR)` expanded.

import type { Container } from '../api/types.js';
import type { ImageConfig } from '../runtime/types.js';
import { expandVars } from './expand.js';

export function containerArgv(c: Container, image: ImageConfig, env: ReadonlyMap<string, string>): string[] {
  const lookup = (n: string) => env.get(n);
  const command = (c.command ?? []).map((s) => expandVars(s, lookup));
  const args = (c.args ?? []).map((s) => expandVars(s, lookup));
  if (command.length > 0) return [...command, ...args];
  const entrypoint = image.entrypoint ?? [];
  return args.length > 0 ? [...entrypoint, ...args] : [...entrypoint, ...(image.cmd ?? [])];
}

// The resizable part of a container's config, as both runtimes report it in ContainerStatus.
import type { ContainerResources } from './types.js';

export function resourcesOf(cfg: ContainerResources): ContainerResources {
  return {
    ...(cfg.memoryLimit ? { memoryLimit: cfg.memoryLimit } : {}),
    ...(cfg.cpuMillis ? { cpuMillis: cfg.cpuMillis } : {}),
    ...(cfg.cpuShares ? { cpuShares: cfg.cpuShares } : {}),
  };
}

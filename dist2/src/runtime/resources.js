export function resourcesOf(cfg) {
    return {
        ...(cfg.memoryLimit ? { memoryLimit: cfg.memoryLimit } : {}),
        ...(cfg.cpuMillis ? { cpuMillis: cfg.cpuMillis } : {}),
        ...(cfg.cpuShares ? { cpuShares: cfg.cpuShares } : {}),
    };
}
//# sourceMappingURL=resources.js.map
const ARCH = {
    x64: { architecture: 'amd64' },
    arm64: { architecture: 'arm64', variant: 'v8' },
    arm: { architecture: 'arm', variant: 'v7' },
    ia32: { architecture: '386' },
    ppc64: { architecture: 'ppc64le' },
    s390x: { architecture: 's390x' },
    riscv64: { architecture: 'riscv64' },
};
export function hostPlatform() {
    const a = ARCH[process.arch] ?? { architecture: process.arch };
    return { os: 'linux', ...a };
}
/** The best entry for `want`: an exact variant match first, then any variant of the architecture. */
export function selectManifest(manifests, want = hostPlatform()) {
    const candidates = manifests.filter((m) => m.platform?.os === want.os && m.platform.architecture === want.architecture);
    // arm64 images usually omit the variant; treat a missing one as matching.
    return candidates.find((m) => (m.platform?.variant ?? want.variant) === want.variant) ?? candidates.find((m) => !m.platform?.variant) ?? candidates[0];
}
//# sourceMappingURL=platform.js.map
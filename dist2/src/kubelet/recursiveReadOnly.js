// volumeMounts[].recursiveReadOnly as the kubelet resolves it against the runtime: Enabled needs the
// runtime's support (else the container is not created, upstream's message); IfPossible falls back
// to a plain read-only mount.
import { configError } from './errors.js';
export function applyRecursiveReadOnly(c, mounts, supported) {
    for (const vm of c.volumeMounts ?? []) {
        const mode = vm.recursiveReadOnly;
        if (mode !== 'Enabled' && mode !== 'IfPossible')
            continue;
        if (!supported) {
            if (mode === 'Enabled') {
                throw configError(`failed to resolve recursive read-only mode: volume "${vm.name}" requested recursive read-only mode, but it is not supported by the runtime`);
            }
            continue;
        }
        const m = mounts.find((x) => x.containerPath === vm.mountPath);
        if (m)
            m.recursiveReadOnly = true;
    }
}
//# sourceMappingURL=recursiveReadOnly.js.map
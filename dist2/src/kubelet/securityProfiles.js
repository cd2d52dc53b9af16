// The confinement a container gets from its Pod: seccomp and AppArmor profiles (the container's own
// over the Pod's), the kubelet's AppArmor admission check, and the user-namespace check made before a
// sandbox is created. Unset and Unconfined both mean no profile, as on a kubelet without SeccompDefault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const podProfiles = (pod) => (pod.spec.securityContext ?? {});
/** The deprecated per-container annotation, still read by the kubelet when the field is unset. */
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
function appArmorOf(pod, c) {
    const field = c.securityContext?.appArmorProfile ?? podProfiles(pod).appArmorProfile;
    if (field)
        return field;
    const value = pod.metadata.annotations?.[APPARMOR_ANNOTATION + c.name];
    if (value === undefined)
        return undefined;
    if (value === 'unconfined')
        return { type: 'Unconfined' };
    if (value === 'runtime/default')
        return { type: 'RuntimeDefault' };
    return { type: 'Localhost', localhostProfile: value.replace(/^localhost\//, '') };
}
/** `<seccomp root>/<localhostProfile>` for Localhost; the root is <data dir>/seccomp (the kubelet's <root-dir>/seccomp). */
export function seccompProfileFor(pod, c, seccompRoot) {
    const p = c.securityContext?.seccompProfile ?? podProfiles(pod).seccompProfile;
    if (p?.type === 'RuntimeDefault')
        return { type: 'RuntimeDefault' };
    if (p?.type === 'Localhost' && p.localhostProfile)
        return { type: 'Localhost', path: join(seccompRoot, p.localhostProfile) };
    return undefined;
}
/** The AppArmor profile name runc loads for the container, for a Localhost profile (admission refused the rest). */
export function appArmorProfileFor(pod, c) {
    const p = appArmorOf(pod, c);
    return p?.type === 'Localhost' ? p.localhostProfile : undefined;
}
export function hostAppArmorEnabled() {
    try {
        return readFileSync('/sys/module/apparmor/parameters/enabled', 'utf8').trim() === 'Y';
    }
    catch {
        return false;
    }
}
/**
 * The kubelet's AppArmor admission: a Pending Pod asking for confinement the host cannot give is
 * failed (reason AppArmor, as upstream). Berth loads no default profile of its own, so RuntimeDefault
 * is refused even where AppArmor is on.
 */
export function appArmorRejection(pod, hostEnabled) {
    const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    const wanted = all.map((c) => appArmorOf(pod, c)?.type).filter((t) => t && t !== 'Unconfined');
    if (wanted.length === 0)
        return undefined;
    if (!hostEnabled)
        return { reason: 'AppArmor', message: 'Cannot enforce AppArmor: AppArmor is not enabled on the host' };
    if (wanted.includes('RuntimeDefault')) {
        return { reason: 'AppArmor', message: 'Cannot enforce AppArmor: berth loads no RuntimeDefault profile; use a Localhost profile loaded on the node' };
    }
    return undefined;
}
/** hostUsers: false needs a runtime that makes user namespaces; upstream's words when it does not. */
export async function checkUserNamespaces(pod, runtime) {
    if (pod.spec.hostUsers !== false)
        return;
    if (!(await runtime.features()).userNamespaces)
        throw new Error('RuntimeClass handler "" does not support user namespaces');
}
//# sourceMappingURL=securityProfiles.js.map
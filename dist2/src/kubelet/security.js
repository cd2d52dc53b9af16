// securityContext (container over Pod) → the runtime's user, capabilities and flags, with the
// runAsNonRoot check the kubelet makes before creating a container.
import { configError } from './errors.js';
/** `uid`, `uid:gid` of an image USER; names (which need the image's /etc/passwd) give undefined parts. */
export function parseImageUser(user) {
    if (!user)
        return {};
    const [u, g] = user.split(':', 2);
    const uid = /^\d+$/.test(u) ? Number(u) : undefined;
    const gid = g !== undefined && /^\d+$/.test(g) ? Number(g) : undefined;
    return { ...(uid !== undefined ? { uid } : { name: u }), ...(gid !== undefined ? { gid } : {}) };
}
export function securityFor(pod, c, imageUser) {
    const podSc = (pod.spec.securityContext ?? {});
    const sc = c.securityContext ?? {};
    const img = parseImageUser(imageUser);
    const uid = sc.runAsUser ?? podSc.runAsUser ?? img.uid;
    const gid = sc.runAsGroup ?? podSc.runAsGroup ?? img.gid;
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    if (nonRoot) {
        const who = `(pod: "${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})", container: ${c.name})`;
        const explicit = sc.runAsUser ?? podSc.runAsUser;
        if (explicit === 0)
            throw configError(`container's runAsUser breaks non-root policy ${who}`);
        if (explicit === undefined && img.name !== undefined && img.name !== 'root') {
            throw configError(`container has runAsNonRoot and image has non-numeric user (${img.name}), cannot verify user is non-root ${who}`);
        }
        if (uid === undefined || uid === 0)
            throw configError(`container has runAsNonRoot and image will run as root ${who}`);
    }
    const groups = [...(podSc.supplementalGroups ?? []), ...(podSc.fsGroup !== undefined ? [podSc.fsGroup] : [])];
    const out = {};
    if (uid !== undefined || gid !== undefined || groups.length > 0) {
        out.user = { uid: uid ?? 0, gid: gid ?? 0, ...(groups.length > 0 ? { additionalGids: groups } : {}) };
    }
    if (sc.privileged)
        out.privileged = true;
    if (sc.capabilities?.add?.length)
        out.capabilitiesAdd = sc.capabilities.add;
    if (sc.capabilities?.drop?.length)
        out.capabilitiesDrop = sc.capabilities.drop;
    if (sc.readOnlyRootFilesystem)
        out.readOnlyRootfs = true;
    if (sc.allowPrivilegeEscalation === false)
        out.noNewPrivileges = true;
    return out;
}
//# sourceMappingURL=security.js.map
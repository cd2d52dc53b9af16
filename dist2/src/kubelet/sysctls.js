// spec.securityContext.sysctls: the kubelet admits only the sysctls upstream deems safe (namespaced in the
// Pod's own ipc or network namespace, isolated from other Pods), refusing the Pod otherwise with the
// reason and message of upstream's sysctl admission; the admitted ones are set in the sandbox's namespaces.
import { dottedSysctl, sysctlNamespace } from '../api/sysctl.js';
/** Upstream's default safe set. */
const SAFE = new Set([
    'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
    'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
    'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const SYSCTL_FORBIDDEN = 'SysctlForbidden';
function sysctlsOf(pod) {
    return (pod.spec.securityContext?.sysctls) ?? [];
}
/** Why the kubelet refuses the Pod's sysctls, or undefined when it admits them. */
export function sysctlRefusal(pod) {
    for (const s of sysctlsOf(pod)) {
        const name = dottedSysctl(s.name);
        const ns = sysctlNamespace(name);
        const shared = ns === 'net' ? pod.spec.hostNetwork : ns === 'ipc' ? pod.spec.hostIPC : false;
        if (SAFE.has(name) && !shared)
            continue;
        const why = SAFE.has(name) ? `"${name}" not allowed with host ${ns} enabled` : `"${name}" not allowlisted`;
        return { reason: SYSCTL_FORBIDDEN, message: `forbidden sysctl: ${why}` };
    }
    return undefined;
}
/** The admitted sysctls as the OCI runtime takes them (dotted name → value). */
export function podSysctls(pod) {
    const list = sysctlsOf(pod);
    return list.length ? Object.fromEntries(list.map((s) => [dottedSysctl(s.name), s.value])) : undefined;
}
//# sourceMappingURL=sysctls.js.map
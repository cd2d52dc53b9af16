// A container's seccomp filter in the OCI form runc takes: the RuntimeDefault policy shaped by the
// container's capabilities and the host's architecture, or a Localhost profile file read as the CRI
// runtimes read it (JSON in the OCI LinuxSeccomp shape).
import { readFile } from 'node:fs/promises';
import { ALLOWED, BY_ARCH, BY_CAPABILITY, CLONE_NAMESPACE_FLAGS, ENOSYS, PERSONALITIES } from './seccomp-default.js';
const allow = (names, args) => ({ names, action: 'SCMP_ACT_ALLOW', ...(args ? { args } : {}) });
export function runtimeDefaultSeccomp(capabilities, arch = process.arch) {
    const caps = new Set(capabilities);
    const byArch = BY_ARCH[arch];
    const syscalls = [allow(ALLOWED), ...PERSONALITIES.map((p) => allow(['personality'], [{ index: 0, value: p, op: 'SCMP_CMP_EQ' }]))];
    if (byArch)
        syscalls.push(allow(byArch.allowed));
    const granted = [...new Set(Object.entries(BY_CAPABILITY).filter(([cap]) => caps.has(cap)).flatMap(([, names]) => names))];
    if (granted.length)
        syscalls.push(allow(granted));
    if (!caps.has('CAP_SYS_ADMIN')) {
        // clone's flags are its first argument on every architecture berth runs on (s390 would be the second).
        syscalls.push(allow(['clone'], [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]));
        syscalls.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS });
    }
    return { defaultAction: 'SCMP_ACT_ERRNO', architectures: byArch?.arches ?? [], syscalls };
}
/** Reads a Localhost profile; errors are worded as containerd's, which the kubelet shows as they are. */
export async function loadSeccompFile(path) {
    const fail = (why) => new Error(`failed to generate seccomp spec opts: cannot load seccomp profile "${path}": ${why}`);
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw fail(code === 'ENOENT' ? `open ${path}: no such file or directory` : code === 'EISDIR' ? `read ${path}: is a directory` : e.message);
    }
    let profile;
    try {
        profile = JSON.parse(text);
    }
    catch (e) {
        throw fail(`decoding seccomp profile failed: ${e.message}`);
    }
    if (!profile || typeof profile !== 'object' || typeof profile.defaultAction !== 'string') {
        throw fail('decoding seccomp profile failed: defaultAction is required');
    }
    return profile;
}
/** The filter for a container with these capabilities, or undefined for none (Unconfined). */
export async function seccompFor(profile, capabilities) {
    if (!profile)
        return undefined;
    return profile.type === 'RuntimeDefault' ? runtimeDefaultSeccomp(capabilities) : loadSeccompFile(profile.path);
}
//# sourceMappingURL=seccomp.js.map
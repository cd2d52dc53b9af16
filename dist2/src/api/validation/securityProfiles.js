import { forbidden, invalidValue, requiredValue, tooLong, unsupportedValue } from './field.js';
import { validateLocalPath } from './volumes.js';
const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
/** PATH_MAX - 1: an AppArmor profile name is handed to the kernel as a path-like string. */
const MAX_APPARMOR_NAME = 4095;
function validateSeccomp(sp, path) {
    if (!sp)
        return [];
    const causes = [];
    if (!sp.type)
        causes.push(requiredValue(path.child('type'), 'type is required when seccompProfile is set'));
    else if (!PROFILE_TYPES.includes(sp.type))
        causes.push(unsupportedValue(path.child('type'), sp.type, PROFILE_TYPES));
    const local = path.child('localhostProfile');
    if (sp.type === 'Localhost') {
        if (sp.localhostProfile === undefined)
            causes.push(requiredValue(local, 'must be set when seccomp type is Localhost'));
        else
            causes.push(...validateLocalPath(sp.localhostProfile, local));
    }
    else if (sp.localhostProfile !== undefined) {
        causes.push(invalidValue(local, sp, 'can only be set when seccomp type is Localhost'));
    }
    return causes;
}
function validateAppArmor(ap, path) {
    if (!ap)
        return [];
    const local = path.child('localhostProfile');
    const name = ap.localhostProfile;
    switch (ap.type) {
        case 'Localhost':
            if (name === undefined || name.trim() === '')
                return [requiredValue(local, 'must be set when AppArmor type is Localhost')];
            if (name.trim() !== name)
                return [invalidValue(local, name, 'must not be padded with whitespace')];
            return Buffer.byteLength(name) > MAX_APPARMOR_NAME ? [tooLong(local, MAX_APPARMOR_NAME)] : [];
        case 'RuntimeDefault':
        case 'Unconfined':
            return name === undefined ? [] : [invalidValue(local, name, 'can only be set when AppArmor type is Localhost')];
        case undefined:
        case '':
            return [requiredValue(path.child('type'), 'type is required when appArmorProfile is set')];
        default:
            return [unsupportedValue(path.child('type'), ap.type, PROFILE_TYPES)];
    }
}
/** A container's securityContext profiles, at `<container path>.securityContext`. */
export function validateContainerProfiles(c, path) {
    const sc = path.child('securityContext');
    return [...validateSeccomp(c.securityContext?.seccompProfile, sc.child('seccompProfile')), ...validateAppArmor(c.securityContext?.appArmorProfile, sc.child('appArmorProfile'))];
}
/** The Pod-level profiles and hostUsers: false, which upstream does not combine with host namespaces. */
export function validatePodSecurity(spec, path) {
    const psc = (spec.securityContext ?? {});
    const sc = path.child('securityContext');
    const causes = [...validateSeccomp(psc.seccompProfile, sc.child('seccompProfile')), ...validateAppArmor(psc.appArmorProfile, sc.child('appArmorProfile'))];
    if (spec.hostUsers === false) {
        for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) {
            if (spec[f])
                causes.push(forbidden(path.child(f), 'when `hostUsers` is false'));
        }
    }
    // An unmasked /proc is allowed only in a user namespace (which berth's runtime then refuses).
    const lists = [['containers', spec.containers ?? []], ['initContainers', spec.initContainers ?? []], ['ephemeralContainers', spec.ephemeralContainers ?? []]];
    for (const [name, list] of lists) {
        list.forEach((c, i) => {
            const procMount = c.securityContext?.procMount;
            if (procMount === undefined)
                return;
            const at = path.child(name).index(i).child('securityContext').child('procMount');
            if (procMount !== 'Default' && procMount !== 'Unmasked')
                causes.push(unsupportedValue(at, procMount, ['Default', 'Unmasked']));
            else if (procMount === 'Unmasked' && spec.hostUsers !== false)
                causes.push(invalidValue(at, procMount, '`hostUsers` must be false to use `Unmasked`'));
        });
    }
    return causes;
}
//# sourceMappingURL=securityProfiles.js.map
import { duplicateValue, forbidden, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { isDNS1123Label } from './names.js';
export const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
function validateMode(mode, path) {
    return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalidValue(path, mode, FILE_MODE_ERROR)] : [];
}
export function hasBacksteps(p) {
    return p.split(/[\\/]/).includes('..');
}
/** A path inside the volume: relative, no '..' element, not starting with '..'. */
export function validateLocalPath(p, path) {
    const causes = [];
    if (p.startsWith('/'))
        causes.push(invalidValue(path, p, 'must be a relative path'));
    if (hasBacksteps(p))
        causes.push(invalidValue(path, p, "must not contain '..'"));
    return causes;
}
function validateItems(items, path) {
    const causes = [];
    (items ?? []).forEach((item, i) => {
        const at = path.index(i);
        if (!item.key)
            causes.push(requiredValue(at.child('key')));
        causes.push(...validateItemPath(item.path, at.child('path')));
        causes.push(...validateMode(item.mode, at.child('mode')));
    });
    return causes;
}
const DOWNWARD_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
/** A path inside the volume as items take it: required, relative, no '..' element or prefix. */
function validateItemPath(p, path) {
    if (!p)
        return [requiredValue(path)];
    const causes = validateLocalPath(p, path);
    if (p.startsWith('..'))
        causes.push(invalidValue(path, p, "must not start with '..'"));
    return causes;
}
function validateDownwardItems(items, path) {
    const causes = [];
    (items ?? []).forEach((item, i) => {
        const at = path.index(i);
        causes.push(...validateItemPath(item.path, at.child('path')), ...validateMode(item.mode, at.child('mode')));
        if (item.fieldRef && item.resourceFieldRef)
            causes.push(invalidValue(at, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
        else if (item.fieldRef) {
            const fp = item.fieldRef.fieldPath;
            const base = fp?.replace(/\['[^']*'\]$/, '');
            if (!fp)
                causes.push(requiredValue(at.child('fieldRef').child('fieldPath')));
            else if (!DOWNWARD_FIELD_PATHS.includes(base) || (base !== fp && !['metadata.labels', 'metadata.annotations'].includes(base))) {
                causes.push(unsupportedValue(at.child('fieldRef').child('fieldPath'), fp, DOWNWARD_FIELD_PATHS));
            }
        }
        else if (item.resourceFieldRef) {
            const ref = item.resourceFieldRef;
            if (!ref.containerName)
                causes.push(requiredValue(at.child('resourceFieldRef').child('containerName')));
            if (!ref.resource)
                causes.push(requiredValue(at.child('resourceFieldRef').child('resource')));
            else if (!RESOURCE_FIELDS.includes(ref.resource))
                causes.push(unsupportedValue(at.child('resourceFieldRef').child('resource'), ref.resource, RESOURCE_FIELDS));
        }
        else
            causes.push(requiredValue(at, 'one of fieldRef and resourceFieldRef is required'));
    });
    return causes;
}
/** What berth refuses in a projected volume, and why: it has nothing to put in those files. */
const UNSUPPORTED_PROJECTIONS = {
    clusterTrustBundle: 'berth has no ClusterTrustBundles',
};
/** A service-account token's lifetime (TokenRequest's and the projection's): 10 minutes to 2^32 seconds. */
export function validateTokenExpiration(seconds, path) {
    if (seconds !== undefined && seconds < 600)
        return [invalidValue(path, seconds, 'may not specify a duration less than 10 minutes')];
    if (seconds !== undefined && seconds > 2 ** 32)
        return [invalidValue(path, seconds, 'may not specify a duration larger than 2^32 seconds')];
    return [];
}
function validateTokenProjection(t, at) {
    return [...validateItemPath(t.path, at.child('path')), ...validateTokenExpiration(t.expirationSeconds, at.child('expirationSeconds'))];
}
function validateProjection(src, at) {
    const kinds = Object.keys(src).filter((k) => src[k] !== undefined && src[k] !== null);
    if (kinds.length === 0)
        return [requiredValue(at, 'must specify exactly 1 volume type per source')];
    if (kinds.length > 1)
        return [forbidden(at, 'may not specify more than 1 volume type per source')];
    const kind = kinds[0];
    if (UNSUPPORTED_PROJECTIONS[kind])
        return [forbidden(at.child(kind), `not supported: ${UNSUPPORTED_PROJECTIONS[kind]}`)];
    if (src.downwardAPI)
        return validateDownwardItems(src.downwardAPI.items, at.child('downwardAPI').child('items'));
    if (src.serviceAccountToken)
        return validateTokenProjection(src.serviceAccountToken, at.child('serviceAccountToken'));
    const ref = (src.configMap ?? src.secret);
    const refPath = at.child(src.configMap ? 'configMap' : 'secret');
    return [...(ref.name ? [] : [requiredValue(refPath.child('name'))]), ...validateItems(ref.items, refPath.child('items'))];
}
function validateSource(vol, path) {
    const sources = Object.keys(vol).filter((k) => k !== 'name' && vol[k] !== undefined && vol[k] !== null);
    if (sources.length === 0)
        return [requiredValue(path, 'must specify a volume type')];
    if (sources.length > 1)
        return [forbidden(path.child(sources[1]), 'may not specify more than 1 volume type')];
    const causes = [];
    if (vol.hostPath) {
        const at = path.child('hostPath');
        if (!vol.hostPath.path)
            causes.push(requiredValue(at.child('path')));
        else if (hasBacksteps(vol.hostPath.path))
            causes.push(invalidValue(at.child('path'), vol.hostPath.path, "must not contain '..'"));
        const type = vol.hostPath.type ?? '';
        if (!HOST_PATH_TYPES.includes(type))
            causes.push(unsupportedValue(at.child('type'), type, HOST_PATH_TYPES));
    }
    if (vol.secret) {
        const at = path.child('secret');
        if (!vol.secret.secretName)
            causes.push(requiredValue(at.child('secretName')));
        causes.push(...validateMode(vol.secret.defaultMode, at.child('defaultMode')), ...validateItems(vol.secret.items, at.child('items')));
    }
    if (vol.configMap) {
        const at = path.child('configMap');
        if (!vol.configMap.name)
            causes.push(requiredValue(at.child('name')));
        causes.push(...validateMode(vol.configMap.defaultMode, at.child('defaultMode')), ...validateItems(vol.configMap.items, at.child('items')));
    }
    if (vol.downwardAPI) {
        const at = path.child('downwardAPI');
        causes.push(...validateMode(vol.downwardAPI.defaultMode, at.child('defaultMode')), ...validateDownwardItems(vol.downwardAPI.items, at.child('items')));
    }
    if (vol.projected) {
        const at = path.child('projected');
        causes.push(...validateMode(vol.projected.defaultMode, at.child('defaultMode')));
        (vol.projected.sources ?? []).forEach((src, i) => causes.push(...validateProjection(src ?? {}, at.child('sources').index(i))));
    }
    if (vol.persistentVolumeClaim !== undefined) {
        if (!vol.persistentVolumeClaim?.claimName)
            causes.push(requiredValue(path.child('persistentVolumeClaim').child('claimName')));
    }
    if (vol.emptyDir?.medium !== undefined && !['', 'Memory'].includes(vol.emptyDir.medium) && !vol.emptyDir.medium.startsWith('HugePages')) {
        causes.push(unsupportedValue(path.child('emptyDir').child('medium'), vol.emptyDir.medium, ['', 'Memory', 'HugePages']));
    }
    return causes;
}
/** Validates the list and returns the names declared, for volumeMounts to refer to. */
export function validateVolumes(volumes, path) {
    const causes = [];
    const names = new Set();
    (volumes ?? []).forEach((vol, i) => {
        const at = path.index(i);
        causes.push(...validateSource(vol, at));
        const namePath = at.child('name');
        if (!vol.name)
            causes.push(requiredValue(namePath));
        else
            causes.push(...invalidEach(namePath, vol.name, isDNS1123Label(vol.name)));
        if (names.has(vol.name))
            causes.push(duplicateValue(namePath, vol.name));
        else
            names.add(vol.name);
    });
    return { causes, names };
}
//# sourceMappingURL=volumes.js.map
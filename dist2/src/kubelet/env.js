// A container's environment: `envFrom` sources first, then each `env` entry in order (later entries
// may refer to earlier ones with $(VAR) and win over envFrom), all laid over the image's own ENV.
import { isEnvVarName } from '../api/validation/names.js';
import { configError } from './errors.js';
import { expandVars } from './expand.js';
import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.js';
import { serviceEnv } from './serviceEnv.js';
function formatMap(m) {
    return Object.keys(m ?? {}).sort().map((k) => `${k}="${m[k]}"`).join('\n');
}
export function fieldRefValue(pod, path, src) {
    const sel = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (sel)
        return (sel[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[sel[2]] ?? '';
    switch (path) {
        case 'metadata.name': return pod.metadata.name ?? '';
        case 'metadata.namespace': return pod.metadata.namespace ?? '';
        case 'metadata.uid': return pod.metadata.uid ?? '';
        case 'metadata.labels': return formatMap(pod.metadata.labels);
        case 'metadata.annotations': return formatMap(pod.metadata.annotations);
        case 'spec.nodeName': return pod.spec.nodeName ?? '';
        case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
        case 'status.hostIP':
        case 'status.hostIPs': return src.hostIP;
        case 'status.podIP':
        case 'status.podIPs': return src.podIP;
        default: throw configError(`unsupported fieldPath: ${path}`);
    }
}
export function resourceFieldValue(pod, self, ref, allocatable) {
    const c = ref.containerName ? pod.spec.containers.find((x) => x.name === ref.containerName) : self;
    if (!c)
        throw configError(`container ${ref.containerName ?? ''} not found`);
    const [kind, resource] = ref.resource.split('.', 2);
    const set = kind === 'limits' ? c.resources?.limits?.[resource] : c.resources?.requests?.[resource];
    const raw = set ?? (kind === 'limits' ? allocatable[resource] : undefined) ?? '0';
    const value = parseQuantity(raw);
    const divisor = parseQuantity(ref.divisor ?? '1');
    // Rounded up, so a 250m limit with divisor 1 reads as 1 CPU; CPU is divided in millicores, the
    // rest in whole units, as the kubelet does.
    const [n, d] = resource === 'cpu' ? [quantityMilliValue(value), quantityMilliValue(divisor)] : [quantityValue(value), quantityValue(divisor)];
    return String(Math.ceil(n / d));
}
async function keyRefValue(kind, ns, ref, get) {
    const data = await get(ref.name);
    if (!data) {
        if (ref.optional)
            return undefined;
        throw configError(`${kind.toLowerCase()} "${ref.name}" not found`);
    }
    const v = data[ref.key];
    if (v === undefined) {
        if (ref.optional)
            return undefined;
        throw configError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`);
    }
    return v.toString('utf8');
}
/** One envFrom source's keys, prefixed, into env; names that are not valid variables are skipped with a warning. */
async function addEnvFrom(env, ns, from, src) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref)
        return;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    const data = await (from.configMapRef ? src.getConfigMap(ref.name) : src.getSecret(ref.name));
    if (!data) {
        if (ref.optional)
            return;
        throw configError(`${kind} "${ref.name}" not found`);
    }
    const invalid = [];
    for (const [key, value] of Object.entries(data)) {
        const name = (from.prefix ?? '') + key;
        if (isEnvVarName(name).length > 0)
            invalid.push(name);
        else
            env.set(name, value.toString('utf8'));
    }
    if (invalid.length > 0) {
        const what = kind === 'configmap' ? 'configMap' : 'secret';
        src.warn?.('InvalidEnvironmentVariableNames', `Keys [${invalid.sort().join(' ')}] from the EnvFrom ${what} ${ns}/${ref.name} were skipped since they are considered invalid environment variable names.`);
    }
}
/**
 * The container's variables in order (what $(VAR) in command and args may use): its own, then the
 * Service variables it did not set itself (they may be referred to, and lose to the container's).
 */
export async function resolveEnv(pod, c, src) {
    const env = new Map();
    const ns = pod.metadata.namespace ?? 'default';
    const services = serviceEnv(await src.services(), ns, pod.spec.enableServiceLinks !== false);
    for (const from of c.envFrom ?? [])
        await addEnvFrom(env, ns, from, src);
    for (const e of c.env ?? []) {
        let value;
        const from = e.valueFrom;
        if (!from)
            value = expandVars(e.value ?? '', (n) => env.get(n) ?? services.get(n));
        else if (from.fieldRef)
            value = fieldRefValue(pod, from.fieldRef.fieldPath, src);
        else if (from.resourceFieldRef)
            value = resourceFieldValue(pod, c, from.resourceFieldRef, src.nodeAllocatable);
        else if (from.configMapKeyRef)
            value = await keyRefValue('ConfigMap', ns, from.configMapKeyRef, src.getConfigMap);
        else if (from.secretKeyRef)
            value = await keyRefValue('Secret', ns, from.secretKeyRef, src.getSecret);
        if (value !== undefined)
            env.set(e.name, value);
    }
    for (const [k, v] of services)
        if (!env.has(k))
            env.set(k, v);
    return env;
}
/** Image ENV overlaid by the container's variables, as KEY=value lines. */
export function mergeEnv(imageEnv, own) {
    const merged = new Map();
    for (const line of imageEnv) {
        const i = line.indexOf('=');
        merged.set(i < 0 ? line : line.slice(0, i), i < 0 ? '' : line.slice(i + 1));
    }
    for (const [k, v] of own)
        merged.set(k, v);
    return [...merged].map(([k, v]) => `${k}=${v}`);
}
//# sourceMappingURL=env.js.map
import { NONNEGATIVE, duplicateValue, forbidden, inclusiveRange, invalidEach, invalidValue, notFoundValue, requiredValue, unsupportedValue, } from './field.js';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isPortName } from './names.js';
import { validateResourceRequirements } from './resources.js';
import { validateResizePolicy } from './podResize.js';
import { validateContainerProfiles } from './securityProfiles.js';
import { validateLocalPath } from './volumes.js';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['FallbackToLogsOnError', 'File'];
const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
export function validatePortNumOrName(port, path) {
    if (typeof port === 'number')
        return port >= 1 && port <= 65535 ? [] : [invalidValue(path, port, inclusiveRange(1, 65535))];
    if (typeof port === 'string' && port)
        return invalidEach(path, port, isPortName(port));
    return [requiredValue(path)];
}
function validatePorts(ports, path, hostNetwork) {
    const causes = [];
    const names = new Set();
    (ports ?? []).forEach((port, i) => {
        const at = path.index(i);
        if (port.name) {
            const errs = isPortName(port.name);
            if (errs.length)
                causes.push(...invalidEach(at.child('name'), port.name, errs));
            else if (names.has(port.name))
                causes.push(duplicateValue(at.child('name'), port.name));
            else
                names.add(port.name);
        }
        if (!port.containerPort)
            causes.push(requiredValue(at.child('containerPort')));
        else if (port.containerPort < 1 || port.containerPort > 65535)
            causes.push(invalidValue(at.child('containerPort'), port.containerPort, inclusiveRange(1, 65535)));
        if (port.hostPort) {
            if (port.hostPort < 1 || port.hostPort > 65535)
                causes.push(invalidValue(at.child('hostPort'), port.hostPort, inclusiveRange(1, 65535)));
            else if (hostNetwork && port.hostPort !== port.containerPort)
                causes.push(invalidValue(at.child('hostPort'), port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
        }
        if (!port.protocol)
            causes.push(requiredValue(at.child('protocol')));
        else if (!PROTOCOLS.includes(port.protocol))
            causes.push(unsupportedValue(at.child('protocol'), port.protocol, PROTOCOLS));
    });
    return causes;
}
function validateEnvSource(ev, path) {
    const from = ev.valueFrom;
    if (!from)
        return [];
    const set = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k]);
    if (ev.value)
        return [invalidValue(path, '', 'may not be specified when `value` is not empty')];
    if (set.length === 0)
        return [invalidValue(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`')];
    if (set.length > 1)
        return [invalidValue(path, '', 'may not have more than one field specified at a time')];
    const causes = [];
    if (from.fieldRef) {
        const at = path.child('fieldRef').child('fieldPath');
        const fp = from.fieldRef.fieldPath;
        if (!fp)
            causes.push(requiredValue(at));
        else if (!ENV_FIELD_PATHS.includes(fp) && !/^metadata\.(labels|annotations)\['[^']+'\]$/.test(fp)) {
            causes.push(unsupportedValue(at, fp, ['metadata.annotations', 'metadata.labels', ...ENV_FIELD_PATHS]));
        }
    }
    for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
        const r = from[ref];
        if (!r)
            continue;
        const at = path.child(ref);
        if (!r.key)
            causes.push(requiredValue(at.child('key')));
        else
            causes.push(...invalidEach(at.child('key'), r.key, isConfigMapKey(r.key)));
    }
    if (from.resourceFieldRef && !from.resourceFieldRef.resource)
        causes.push(requiredValue(path.child('resourceFieldRef').child('resource')));
    return causes;
}
function validateEnv(env, path) {
    const causes = [];
    (env ?? []).forEach((ev, i) => {
        const at = path.index(i);
        if (!ev.name)
            causes.push(requiredValue(at.child('name')));
        else
            causes.push(...invalidEach(at.child('name'), ev.name, isEnvVarName(ev.name)));
        causes.push(...validateEnvSource(ev, at.child('valueFrom')));
    });
    return causes;
}
function validateEnvFrom(list, path) {
    const causes = [];
    (list ?? []).forEach((from, i) => {
        const at = path.index(i);
        if (from.prefix)
            causes.push(...invalidEach(at.child('prefix'), from.prefix, isEnvVarName(from.prefix)));
        const refs = ['configMapRef', 'secretRef'].filter((k) => from[k]);
        if (refs.length === 0)
            causes.push(invalidValue(at, '', 'must specify one of: `configMapRef` or `secretRef`'));
        else if (refs.length > 1)
            causes.push(invalidValue(at, '', 'may not have more than one field specified at a time'));
        for (const k of refs) {
            const name = from[k].name;
            if (!name)
                causes.push(requiredValue(at.child(k).child('name')));
            else
                causes.push(...invalidEach(at.child(k).child('name'), name, isDNS1123Subdomain(name)));
        }
    });
    return causes;
}
function validateMounts(mounts, path, volumes) {
    const causes = [];
    const seen = new Set();
    (mounts ?? []).forEach((m, i) => {
        const at = path.index(i);
        if (!m.name)
            causes.push(requiredValue(at.child('name')));
        else if (!volumes.has(m.name))
            causes.push(notFoundValue(at.child('name'), m.name));
        if (!m.mountPath)
            causes.push(requiredValue(at.child('mountPath')));
        else if (seen.has(m.mountPath))
            causes.push(invalidValue(at.child('mountPath'), m.mountPath, 'must be unique'));
        seen.add(m.mountPath);
        // Both name a directory inside the volume; subPathExpr is checked before its $(VAR)s are expanded
        // too (the kubelet checks the expansion). Upstream reports these two without the mount's index.
        if (m.subPath)
            causes.push(...validateLocalPath(m.subPath, path.child('subPath')));
        if (m.subPathExpr) {
            if (m.subPath)
                causes.push(invalidValue(at.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
            causes.push(...validateLocalPath(m.subPathExpr, path.child('subPathExpr')));
        }
        if (m.mountPropagation !== undefined && !MOUNT_PROPAGATIONS.includes(m.mountPropagation)) {
            causes.push(unsupportedValue(at.child('mountPropagation'), m.mountPropagation, MOUNT_PROPAGATIONS));
        }
        causes.push(...validateRecursiveReadOnly(m, path.child('recursiveReadOnly')));
    });
    return causes;
}
const RRO_MODES = ['Disabled', 'Enabled', 'IfPossible'];
/** Recursive read-only needs a read-only mount that propagates nothing. Upstream names no index here. */
function validateRecursiveReadOnly(m, path) {
    const mode = m.recursiveReadOnly;
    if (mode === undefined || mode === 'Disabled')
        return [];
    if (!RRO_MODES.includes(mode))
        return [unsupportedValue(path, mode, RRO_MODES)];
    const causes = [];
    if (!m.readOnly)
        causes.push(forbidden(path, 'may only be specified when readOnly is true'));
    if (m.mountPropagation !== undefined && m.mountPropagation !== 'None')
        causes.push(forbidden(path, 'may only be specified when mountPropagation is None or not specified'));
    return causes;
}
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/** Exactly one handler: the first set is checked, every further one is refused. */
function validateHandler(h, path, kinds) {
    const set = kinds.filter((k) => h[k]);
    if (set.length === 0)
        return [requiredValue(path, 'must specify a handler type')];
    const causes = set.slice(1).map((k) => forbidden(path.child(k), 'may not specify more than 1 handler type'));
    const first = set[0];
    if (first === 'exec' && !h.exec.command?.length)
        causes.push(requiredValue(path.child('exec').child('command')));
    if (first === 'httpGet') {
        const g = h.httpGet;
        const at = path.child('httpGet');
        if (!g.path)
            causes.push(requiredValue(at.child('path')));
        causes.push(...validatePortNumOrName(g.port, at.child('port')));
        const scheme = g.scheme ?? '';
        if (!HTTP_SCHEMES.includes(scheme))
            causes.push(unsupportedValue(at.child('scheme'), scheme, HTTP_SCHEMES));
    }
    if (first === 'tcpSocket')
        causes.push(...validatePortNumOrName(h.tcpSocket.port, path.child('tcpSocket').child('port')));
    // A gRPC port is a number (no port names); absent reads as Go's zero.
    if (first === 'grpc')
        causes.push(...validatePortNumOrName(typeof h.grpc.port === 'number' ? h.grpc.port : 0, path.child('grpc').child('port')));
    return causes;
}
function validateProbe(p, path, kind) {
    if (!p)
        return [];
    const causes = validateHandler(p, path, PROBE_HANDLERS);
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
        const v = p[f];
        if (v !== undefined && v < 0)
            causes.push(invalidValue(path.child(f), v, NONNEGATIVE));
    }
    const tgps = p.terminationGracePeriodSeconds;
    if (tgps !== undefined && tgps !== null && tgps <= 0)
        causes.push(invalidValue(path.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
    if (kind === 'readinessProbe' && tgps !== undefined && tgps !== null) {
        causes.push(invalidValue(path.child('terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
    }
    // Liveness and startup act on the first failure past the threshold, so one success must be enough.
    if (kind !== 'readinessProbe' && p.successThreshold !== undefined && p.successThreshold !== 1)
        causes.push(invalidValue(path.child('successThreshold'), p.successThreshold, 'must be 1'));
    return causes;
}
function validateProbesAndLifecycle(c, path, ctx) {
    // Init containers run to completion, so probes and hooks mean nothing unless they are sidecars.
    if (ctx.isInit && c.restartPolicy !== 'Always') {
        const msg = 'may not be set for init containers without restartPolicy=Always';
        return ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'].filter((k) => c[k]).map((k) => forbidden(path.child(k), msg));
    }
    const causes = [];
    if (c.lifecycle?.postStart)
        causes.push(...validateHandler(c.lifecycle.postStart, path.child('lifecycle').child('postStart'), LIFECYCLE_HANDLERS));
    if (c.lifecycle?.preStop)
        causes.push(...validateHandler(c.lifecycle.preStop, path.child('lifecycle').child('preStop'), LIFECYCLE_HANDLERS));
    for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        causes.push(...validateProbe(c[kind], path.child(kind), kind));
    return causes;
}
function validateRestartPolicy(c, path, isInit) {
    if (c.restartPolicy === undefined)
        return [];
    if (!isInit)
        return [forbidden(path.child('restartPolicy'), 'may not be set for non-init containers')];
    return c.restartPolicy === 'Always' ? [] : [unsupportedValue(path.child('restartPolicy'), c.restartPolicy, ['Always'])];
}
/** Checks one container; name uniqueness across the pod is the caller's job. */
export function validateContainer(c, path, ctx) {
    const causes = [];
    if (!c.name)
        causes.push(requiredValue(path.child('name')));
    else
        causes.push(...invalidEach(path.child('name'), c.name, isDNS1123Label(c.name)));
    if (!c.image)
        causes.push(requiredValue(path.child('image')));
    else if (c.image.trim() !== c.image)
        causes.push(invalidValue(path.child('image'), c.image, 'must not have leading or trailing whitespace'));
    causes.push(...validateProbesAndLifecycle(c, path, ctx));
    causes.push(...validateRestartPolicy(c, path, ctx.isInit));
    const tmp = c.terminationMessagePolicy;
    if (!tmp)
        causes.push(requiredValue(path.child('terminationMessagePolicy')));
    else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp))
        causes.push(unsupportedValue(path.child('terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
    causes.push(...validatePorts(c.ports, path.child('ports'), ctx.hostNetwork));
    causes.push(...validateEnv(c.env, path.child('env')));
    causes.push(...validateEnvFrom(c.envFrom, path.child('envFrom')));
    causes.push(...validateMounts(c.volumeMounts, path.child('volumeMounts'), ctx.volumes));
    if (!c.imagePullPolicy)
        causes.push(requiredValue(path.child('imagePullPolicy')));
    else if (!PULL_POLICIES.includes(c.imagePullPolicy))
        causes.push(unsupportedValue(path.child('imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
    causes.push(...validateResourceRequirements(c.resources, path.child('resources')));
    causes.push(...validateContainerProfiles(c, path));
    causes.push(...validateResizePolicy(c, path));
    return causes;
}
//# sourceMappingURL=containers.js.map
// The scale subresource (`kubectl scale`, autoscalers): an autoscaling/v1 Scale view of a workload's
// spec.replicas, status.replicas and selector. Writes go through the workload's own update rules.
import { ApiError, conflict, invalid } from '../../api/errors.js';
import { jsonPatch } from '../../api/patch/json-patch.js';
import { jsonMergePatch } from '../../api/patch/merge-patch.js';
import { fromLabelSelectorObject, selectorString } from '../../api/selectors/labels.js';
import { FieldPath, NONNEGATIVE, invalidValue } from '../../api/validation/field.js';
import { decodeDocument, decodeObject, mediaType, readBody } from '../http/body.js';
import { checkTypes } from '../http/typecheck.js';
import { parseResourceVersion } from '../registry/rest.js';
import { sendJson } from './respond.js';
import { jsonPathValues, setFieldPath } from '../../api/jsonpath.js';
/** A ReplicationController's selector is a plain label map; the others' a LabelSelector. */
function selectorOf(w) {
    return w.kind === 'ReplicationController' ? { matchLabels: w.spec?.selector } : w.spec?.selector;
}
/** A number at a custom resource's scale path (0 when absent, as upstream reads it). */
function replicasAt(obj, path) {
    const v = jsonPathValues(obj, path)[0];
    return typeof v === 'number' ? v : 0;
}
/** The autoscaling/v1 Scale view of a workload (or of a custom resource, read at its scale paths). */
export function scaleOf(obj, paths) {
    const w = obj;
    const { name, namespace, uid, resourceVersion, creationTimestamp } = w.metadata;
    const selector = paths ? jsonPathValues(obj, paths.labelSelectorPath ?? '')[0] : undefined;
    return {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
        spec: { replicas: paths ? replicasAt(obj, paths.specReplicasPath) : w.spec?.replicas ?? 0 },
        status: paths
            ? { replicas: replicasAt(obj, paths.statusReplicasPath), ...(typeof selector === 'string' ? { selector } : {}) }
            : { replicas: w.status?.replicas ?? 0, selector: selectorString(fromLabelSelectorObject(selectorOf(w))) },
    };
}
/** The replicas a Scale asks for, after autoscaling/v1's own validation. */
function wantedReplicas(scale, name) {
    const replicas = scale.spec?.replicas ?? 0;
    if (replicas < 0)
        throw invalid('Scale', name, [invalidValue(FieldPath.root('spec').child('replicas'), replicas, NONNEGATIVE)], 'autoscaling');
    return replicas;
}
function patched(current, type, raw) {
    switch (type) {
        case 'application/merge-patch+json':
        case 'application/strategic-merge-patch+json': // a Scale has no lists: strategic merge is a merge
            return jsonMergePatch(current, decodeDocument(raw, 'application/json'));
        case 'application/json-patch+json':
            return jsonPatch(current, decodeDocument(raw, 'application/json'));
        default:
            throw new ApiError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
    }
}
/** paths: where a custom resource keeps its replicas (absent: spec.replicas of a workload). */
export async function handleScale(req, res, storage, ns, name, ctx, paths) {
    const method = req.method ?? 'GET';
    if (method === 'GET')
        return sendJson(res, 200, scaleOf(storage.get(ns, name), paths), ctx.warnings);
    if (method !== 'PUT' && method !== 'PATCH')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const raw = await readBody(req);
    const type = mediaType(req);
    const body = method === 'PUT' ? decodeObject(raw, type, 'Scale') : undefined;
    if (body)
        checkTypes('autoscaling/v1', 'Scale', body);
    const obj = await storage.modify(ns, name, ctx, (cur) => {
        const current = scaleOf(cur, paths);
        const scale = body ?? patched(current, type, raw);
        if (method === 'PATCH')
            checkTypes('autoscaling/v1', 'Scale', scale);
        // A resourceVersion in the Scale is a precondition on the workload, as upstream's scale update.
        const rv = parseResourceVersion(scale.metadata?.resourceVersion);
        if (rv !== undefined && String(rv) !== cur.metadata.resourceVersion)
            throw conflict(storage.resource.plural, name, undefined, storage.resource.group);
        const w = cur;
        if (paths)
            setFieldPath(w, paths.specReplicasPath, wantedReplicas(scale, name));
        else
            w.spec = { ...w.spec, replicas: wantedReplicas(scale, name) };
        delete w.metadata.resourceVersion;
        return w;
    }, 'scale');
    return sendJson(res, 200, scaleOf(obj, paths), ctx.warnings);
}
//# sourceMappingURL=scale.js.map
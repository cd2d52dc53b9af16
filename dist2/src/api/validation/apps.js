// apps/v1 rules for Deployments, ReplicaSets, DaemonSets, StatefulSets and ControllerRevisions, worded as pkg/apis/apps/validation: a selector that
// selects something and matches the template's labels, a template whose Pods restart Always, counts
// that are not negative, a rolling update that can make progress, and a selector that never changes.
import { fromLabelSelectorObject, matchLabels } from '../selectors/labels.js';
import { FieldPath, NONNEGATIVE, forbidden, immutable, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isLabelValue, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { validatePodSpec } from './pod.js';
import { validatePersistentVolumeClaimSpec } from './storage.js';
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const PERCENT = /^[0-9]+%$/;
export function nonNegative(value, path) {
    return value !== undefined && value < 0 ? [invalidValue(path, value, NONNEGATIVE)] : [];
}
/** metav1 ValidateLabelSelector. */
export function validateLabelSelector(sel, path) {
    const causes = validateLabels(sel.matchLabels, path.child('matchLabels'));
    (sel.matchExpressions ?? []).forEach((e, i) => {
        const at = path.child('matchExpressions').index(i);
        const values = e.values ?? [];
        if (e.operator === 'In' || e.operator === 'NotIn') {
            if (!values.length)
                causes.push(requiredValue(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
            if (values.length)
                causes.push(forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        else {
            causes.push(unsupportedValue(at.child('operator'), e.operator, SELECTOR_OPERATORS));
        }
        causes.push(...invalidEach(at.child('key'), e.key, isQualifiedName(e.key ?? '')));
        values.forEach((v, j) => causes.push(...invalidEach(at.child('values').index(j), v, isLabelValue(v))));
    });
    return causes;
}
const REPLICA_SET = { word: 'deployment', kind: 'ReplicaSet' };
/** The selector and template every ReplicaSet-like spec carries (ValidateReplicaSetSpec's shared part). */
function validateSelectorAndTemplate(selector, template, spec, owner = REPLICA_SET) {
    const causes = [];
    const selPath = spec.child('selector');
    const tplPath = spec.child('template');
    let matchesTemplate = true;
    if (!selector) {
        causes.push(requiredValue(selPath));
    }
    else {
        const selCauses = validateLabelSelector(selector, selPath);
        causes.push(...selCauses);
        const exprs = selector.matchExpressions ?? [];
        if (Object.keys(selector.matchLabels ?? {}).length + exprs.length === 0) {
            causes.push(invalidValue(selPath, selector, `empty selector is invalid for ${owner.word}`));
        }
        else if (!selCauses.length) {
            matchesTemplate = matchLabels(fromLabelSelectorObject(selector), template?.metadata?.labels ?? {});
        }
    }
    if (!template)
        return [...causes, requiredValue(tplPath)];
    if (!matchesTemplate)
        causes.push(invalidValue(tplPath.child('metadata').child('labels'), template.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
    return [...causes, ...validateReplicaTemplate(template, tplPath, owner.kind)];
}
/** core ValidatePodTemplateSpec: the template's labels, annotations and Pod spec. */
export function validatePodTemplateSpec(template, tplPath) {
    return [
        ...validateLabels(template.metadata?.labels, tplPath.child('metadata').child('labels')),
        ...validateAnnotations(template.metadata?.annotations, tplPath.child('metadata').child('annotations')),
        ...validatePodSpec(template.spec, tplPath.child('spec')),
    ];
}
/** A template whose Pods a replica controller (`owner`) keeps running: they restart Always and have no deadline. */
export function validateReplicaTemplate(template, tplPath, owner) {
    const causes = validatePodTemplateSpec(template, tplPath);
    const podSpec = tplPath.child('spec');
    if (template.spec && template.spec.restartPolicy !== 'Always')
        causes.push(unsupportedValue(podSpec.child('restartPolicy'), template.spec.restartPolicy ?? '', ['Always']));
    if (template.spec?.activeDeadlineSeconds !== undefined)
        causes.push(forbidden(podSpec.child('activeDeadlineSeconds'), `activeDeadlineSeconds in ${owner} is not Supported`));
    return causes;
}
export function validateIntOrPercent(v, path) {
    if (typeof v === 'string')
        return PERCENT.test(v) ? [] : [invalidValue(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    return nonNegative(v, path);
}
/** The value of an int-or-percent in absolute terms, for checks that compare them. */
function asPercentOrInt(v) {
    if (typeof v === 'string')
        return { n: parseInt(v, 10), percent: true };
    return { n: v ?? 0, percent: false };
}
function validateRollingUpdate(ru, path) {
    const causes = [...validateIntOrPercent(ru.maxUnavailable, path.child('maxUnavailable')), ...validateIntOrPercent(ru.maxSurge, path.child('maxSurge'))];
    if (causes.length)
        return causes;
    const unavailable = asPercentOrInt(ru.maxUnavailable);
    if (unavailable.percent && unavailable.n > 100)
        causes.push(invalidValue(path.child('maxUnavailable'), ru.maxUnavailable, 'must not be greater than 100%'));
    if (unavailable.n === 0 && asPercentOrInt(ru.maxSurge).n === 0)
        causes.push(invalidValue(path.child('maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    return causes;
}
function validateStrategy(strategy, path) {
    const type = strategy?.type;
    if (type === 'Recreate')
        return strategy?.rollingUpdate ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    if (type === 'RollingUpdate')
        return strategy?.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, path.child('rollingUpdate')) : [requiredValue(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
    return [unsupportedValue(path.child('type'), type ?? '', ['Recreate', 'RollingUpdate'])];
}
export function validateReplicaSet(rs) {
    const spec = FieldPath.root('spec');
    return [
        ...validateObjectMeta(rs.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }),
        ...nonNegative(rs.spec?.replicas, spec.child('replicas')),
        ...nonNegative(rs.spec?.minReadySeconds, spec.child('minReadySeconds')),
        ...validateSelectorAndTemplate(rs.spec?.selector, rs.spec?.template, spec),
    ];
}
export function validateDeployment(d) {
    const spec = FieldPath.root('spec');
    const s = d.spec ?? {};
    const causes = [
        ...validateObjectMeta(d.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }),
        ...nonNegative(s.replicas, spec.child('replicas')),
        ...validateSelectorAndTemplate(s.selector, s.template, spec),
        ...validateStrategy(s.strategy, spec.child('strategy')),
        ...nonNegative(s.minReadySeconds, spec.child('minReadySeconds')),
        ...nonNegative(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')),
    ];
    const deadline = s.progressDeadlineSeconds;
    if (deadline !== undefined) {
        causes.push(...nonNegative(deadline, spec.child('progressDeadlineSeconds')));
        if (deadline <= (s.minReadySeconds ?? 0))
            causes.push(invalidValue(spec.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
    }
    return causes;
}
/** apps/v1 selectors are immutable: a changed selector would orphan the running Pods. */
function validateSelectorUpdate(next, old) {
    return immutable(FieldPath.root('spec').child('selector'), next, old);
}
export function validateReplicaSetUpdate(rs, old) {
    return [...validateObjectMetaUpdate(rs.metadata, old.metadata), ...validateReplicaSet(rs).filter((c) => !c.field?.startsWith('metadata')), ...validateSelectorUpdate(rs.spec?.selector, old.spec?.selector)];
}
export function validateDeploymentUpdate(d, old) {
    return [...validateObjectMetaUpdate(d.metadata, old.metadata), ...validateDeployment(d).filter((c) => !c.field?.startsWith('metadata')), ...validateSelectorUpdate(d.spec?.selector, old.spec?.selector)];
}
const STATUS_COUNTS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'unavailableReplicas', 'observedGeneration', 'collisionCount'];
/** Status writes: counts are not negative and ready/available never exceed replicas. */
export function validateWorkloadStatusUpdate(obj, old) {
    const causes = validateObjectMetaUpdate(obj.metadata, old.metadata);
    const status = (obj.status ?? {});
    const path = FieldPath.root('status');
    for (const k of STATUS_COUNTS)
        causes.push(...nonNegative(status[k], path.child(k)));
    const replicas = status.replicas ?? 0;
    for (const k of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas', 'updatedReplicas']) {
        if ((status[k] ?? 0) > replicas)
            causes.push(invalidValue(path.child(k), status[k], 'cannot be greater than status.replicas'));
    }
    if ((status.availableReplicas ?? 0) > (status.readyReplicas ?? status.availableReplicas ?? 0) && obj.kind === 'ReplicaSet') {
        causes.push(invalidValue(path.child('availableReplicas'), status.availableReplicas, 'cannot be greater than readyReplicas'));
    }
    return causes;
}
// ---- DaemonSet, StatefulSet, ControllerRevision ----
/** An int-or-percent's value as upstream's getIntOrPercentValue reads it (a bad percent counts as 0). */
function intOrPercentValue(v) {
    if (typeof v === 'string')
        return PERCENT.test(v) ? parseInt(v, 10) : 0;
    return v ?? 0;
}
function notOver100Percent(v, path) {
    return typeof v === 'string' && PERCENT.test(v) && parseInt(v, 10) > 100 ? [invalidValue(path, v, 'must not be greater than 100%')] : [];
}
/** Exactly one of maxSurge and maxUnavailable is non-zero: a daemon Pod either surges or goes away first. */
function validateRollingUpdateDaemonSet(ru, path) {
    const unavailable = path.child('maxUnavailable');
    const surge = path.child('maxSurge');
    const causes = [
        ...validateIntOrPercent(ru.maxUnavailable, unavailable), ...validateIntOrPercent(ru.maxSurge, surge),
        ...notOver100Percent(ru.maxUnavailable, unavailable), ...notOver100Percent(ru.maxSurge, surge),
    ];
    const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
    if (hasUnavailable && hasSurge)
        causes.push(invalidValue(surge, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
    if (!hasUnavailable && !hasSurge)
        causes.push(requiredValue(unavailable, 'cannot be 0 when maxSurge is 0'));
    return causes;
}
function validateDaemonSetStrategy(strategy, path) {
    if (strategy?.type === 'OnDelete')
        return [];
    if (strategy?.type === 'RollingUpdate')
        return strategy.rollingUpdate ? validateRollingUpdateDaemonSet(strategy.rollingUpdate, path.child('rollingUpdate')) : [requiredValue(path.child('rollingUpdate'))];
    return [unsupportedValue(path, strategy ?? {}, ['RollingUpdate', 'OnDelete'])];
}
export function validateDaemonSet(ds) {
    const spec = FieldPath.root('spec');
    const s = ds.spec ?? {};
    return [
        ...validateObjectMeta(ds.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }),
        ...validateSelectorAndTemplate(s.selector, s.template, spec, { word: 'daemonset', kind: 'DaemonSet' }),
        ...nonNegative(s.minReadySeconds, spec.child('minReadySeconds')),
        ...validateDaemonSetStrategy(s.updateStrategy, spec.child('updateStrategy')),
        ...nonNegative(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')),
    ];
}
export function validateDaemonSetUpdate(ds, old) {
    return [...validateObjectMetaUpdate(ds.metadata, old.metadata), ...validateDaemonSet(ds).filter((c) => !c.field?.startsWith('metadata')), ...validateSelectorUpdate(ds.spec?.selector, old.spec?.selector)];
}
const RETENTION = ['Retain', 'Delete'];
function validateStatefulSetStrategy(strategy, path) {
    const ru = strategy?.rollingUpdate;
    switch (strategy?.type) {
        case undefined:
            return [requiredValue(path)];
        case 'OnDelete':
            return ru ? [invalidValue(path.child('rollingUpdate'), ru, "only allowed for updateStrategy 'RollingUpdate'")] : [];
        case 'RollingUpdate': {
            if (!ru)
                return [];
            const at = path.child('rollingUpdate');
            const causes = nonNegative(ru.partition, at.child('partition'));
            if (ru.maxUnavailable !== undefined) {
                causes.push(...validateIntOrPercent(ru.maxUnavailable, at.child('maxUnavailable')));
                if (intOrPercentValue(ru.maxUnavailable) === 0)
                    causes.push(invalidValue(at.child('maxUnavailable'), ru.maxUnavailable, 'cannot be 0'));
                causes.push(...notOver100Percent(ru.maxUnavailable, at.child('maxUnavailable')));
            }
            return causes;
        }
        default:
            return [invalidValue(path, strategy, "must be 'RollingUpdate' or 'OnDelete'")];
    }
}
export function validateStatefulSet(sts) {
    const spec = FieldPath.root('spec');
    const s = sts.spec ?? {};
    const causes = validateObjectMeta(sts.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain });
    const policy = s.podManagementPolicy;
    if (policy === undefined)
        causes.push(requiredValue(spec.child('podManagementPolicy')));
    else if (policy !== 'OrderedReady' && policy !== 'Parallel')
        causes.push(invalidValue(spec.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
    causes.push(...validateStatefulSetStrategy(s.updateStrategy, spec.child('updateStrategy')));
    const retention = s.persistentVolumeClaimRetentionPolicy;
    for (const k of ['whenDeleted', 'whenScaled']) {
        if (retention && !RETENTION.includes(retention[k] ?? ''))
            causes.push(unsupportedValue(spec.child('persistentVolumeClaimRetentionPolicy').child(k), retention[k] ?? '', RETENTION));
    }
    causes.push(...nonNegative(s.replicas, spec.child('replicas')), ...nonNegative(s.minReadySeconds, spec.child('minReadySeconds')));
    if (s.ordinals)
        causes.push(...nonNegative(s.ordinals.start, spec.child('ordinals.start')));
    causes.push(...validateSelectorAndTemplate(s.selector, withClaimVolumes(s), spec, { word: 'statefulset', kind: 'StatefulSet' }));
    causes.push(...nonNegative(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
    (s.volumeClaimTemplates ?? []).forEach((t, i) => {
        const at = spec.child('volumeClaimTemplates').index(i);
        const name = t?.metadata?.name ?? '';
        if (!name)
            causes.push(requiredValue(at.child('metadata').child('name')));
        causes.push(...validatePersistentVolumeClaimSpec(t?.spec ?? {}, at.child('spec')));
    });
    // Deleting a scaled-down Pod's claims needs the Pod to own them; berth does not do that yet.
    if (retention?.whenScaled === 'Delete')
        causes.push(forbidden(spec.child('persistentVolumeClaimRetentionPolicy').child('whenScaled'), 'berth keeps the claims of scaled-down Pods: only Retain is supported'));
    return causes;
}
/** The template as the controller makes its Pods: a volume per claim template, so mounts of them resolve. */
function withClaimVolumes(s) {
    const claims = (s.volumeClaimTemplates ?? []).map((t) => t?.metadata?.name).filter((n) => !!n);
    if (!claims.length || !s.template?.spec)
        return s.template;
    const volumes = (s.template.spec.volumes ?? []).filter((v) => !claims.includes(v.name));
    return { ...s.template, spec: { ...s.template.spec, volumes: [...volumes, ...claims.map((name) => ({ name, persistentVolumeClaim: { claimName: name } }))] } };
}
const STATEFULSET_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
export function validateStatefulSetUpdate(sts, old) {
    const causes = [...validateObjectMetaUpdate(sts.metadata, old.metadata), ...validateStatefulSet(sts).filter((c) => !c.field?.startsWith('metadata'))];
    const fixed = (spec) => {
        const rest = { ...spec };
        for (const k of STATEFULSET_MUTABLE)
            delete rest[k];
        return rest;
    };
    if (immutable(FieldPath.root('spec'), fixed(sts.spec), fixed(old.spec)).length) {
        causes.push(forbidden(FieldPath.root('spec'), "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    }
    return causes;
}
const DAEMONSET_COUNTS = ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount'];
const STATEFULSET_COUNTS = ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount'];
function statusCounts(status, keys) {
    const path = FieldPath.root('status');
    return keys.flatMap((k) => nonNegative(status?.[k], path.child(k)));
}
function collisionCountKept(obj, old) {
    const next = obj.status?.collisionCount;
    const before = old.status?.collisionCount;
    return before !== undefined && (next ?? 0) < before ? [invalidValue(FieldPath.root('status').child('collisionCount'), next ?? 0, 'cannot be decremented')] : [];
}
export function validateDaemonSetStatusUpdate(ds, old) {
    return [...validateObjectMetaUpdate(ds.metadata, old.metadata), ...statusCounts(ds.status, DAEMONSET_COUNTS), ...collisionCountKept(ds, old)];
}
export function validateStatefulSetStatusUpdate(sts, old) {
    const causes = [...statusCounts(sts.status, STATEFULSET_COUNTS), ...validateObjectMetaUpdate(sts.metadata, old.metadata)];
    const s = (sts.status ?? {});
    const path = FieldPath.root('status');
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) {
        if ((s[k] ?? 0) > (s.replicas ?? 0))
            causes.push(invalidValue(path.child(k), s[k], 'cannot be greater than status.replicas'));
    }
    if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0))
        causes.push(invalidValue(path.child('availableReplicas'), s.availableReplicas, 'cannot be greater than status.readyReplicas'));
    return [...causes, ...collisionCountKept(sts, old)];
}
export function validateControllerRevision(cr) {
    const causes = validateObjectMeta(cr.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain });
    if (cr.data === undefined || cr.data === null)
        causes.push(requiredValue(FieldPath.root('data'), 'data is mandatory'));
    return [...causes, ...nonNegative(cr.revision, FieldPath.root('revision'))];
}
export function validateControllerRevisionUpdate(cr, old) {
    return [
        ...validateObjectMetaUpdate(cr.metadata, old.metadata),
        ...validateControllerRevision(cr).filter((c) => !c.field?.startsWith('metadata')),
        ...immutable(FieldPath.root('data'), cr.data, old.data),
    ];
}
//# sourceMappingURL=apps.js.map
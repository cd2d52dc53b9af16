// authorization.k8s.io/v1 requests that store nothing, answered by the authorizer chain as
// kube-apiserver answers them (`kubectl auth can-i [--list]`): SubjectAccessReview (may anyone do
// this?), LocalSubjectAccessReview (the same, in the URL's namespace), SelfSubjectAccessReview (may I?)
// and SelfSubjectRulesReview (what may I do in this namespace?).
import { ApiError, invalid } from '../../api/errors.js';
import { FieldPath, invalidValue } from '../../api/validation/field.js';
import { decide, decidePath } from '../auth/authorize.js';
import { nodeNameOf } from '../auth/identity.js';
import { sendJson } from './respond.js';
import { readTyped } from './tokens.js';
const AUTHZ = 'authorization.k8s.io';
const SPEC = FieldPath.root('spec');
function validateSpec(spec, needsSubject) {
    const causes = [];
    if (spec.resourceAttributes && spec.nonResourceAttributes) {
        causes.push(invalidValue(SPEC.child('nonResourceAttributes'), spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes'));
    }
    if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
        causes.push(invalidValue(SPEC.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
    }
    if (needsSubject && !spec.user && !spec.groups?.length)
        causes.push(invalidValue(SPEC.child('user'), spec.user ?? '', 'at least one of user or group must be specified'));
    return causes;
}
function answer(user, spec, authz) {
    const ra = spec.resourceAttributes;
    const d = ra
        ? decide(user, { verb: ra.verb ?? '', resource: { group: ra.group ?? '', plural: ra.resource ?? '' }, subresource: ra.subresource || undefined, namespace: ra.namespace || undefined, name: ra.name || undefined }, authz)
        : decidePath(user, spec.nonResourceAttributes?.verb ?? '', spec.nonResourceAttributes?.path ?? '', authz);
    return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) };
}
/** POST subjectaccessreviews, namespaces/<ns>/localsubjectaccessreviews, selfsubjectaccessreviews. */
export async function handleAccessReview(req, res, kind, namespace, authz, ctx) {
    if (req.method !== 'POST')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const review = await readTyped(req, kind, `${AUTHZ}/v1`);
    const spec = { ...(review.spec ?? {}) };
    const self = kind === 'SelfSubjectAccessReview';
    const causes = validateSpec(spec, !self);
    if (kind === 'LocalSubjectAccessReview') {
        if (spec.nonResourceAttributes)
            causes.push(invalidValue(SPEC.child('nonResourceAttributes'), spec.nonResourceAttributes, 'disallowed on this kind of request'));
        if (spec.resourceAttributes) {
            if (!spec.resourceAttributes.namespace)
                spec.resourceAttributes = { ...spec.resourceAttributes, namespace };
            else if (spec.resourceAttributes.namespace !== namespace) {
                throw new ApiError('BadRequest', `spec.resourceAttributes.namespace must match namespace: ${namespace}`);
            }
        }
    }
    if (causes.length)
        throw invalid(kind, review.metadata?.name ?? '', causes, AUTHZ);
    const subject = self ? ctx.user : { name: spec.user ?? '', groups: [...(spec.groups ?? [])], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}) };
    const out = { kind, apiVersion: `${AUTHZ}/v1`, metadata: { ...(review.metadata ?? {}), ...(namespace ? { namespace } : {}) }, spec, status: answer(subject, spec, authz) };
    sendJson(res, 201, out, ctx.warnings);
}
/** POST selfsubjectrulesreviews: every rule the caller holds in spec.namespace. */
export async function handleRulesReview(req, res, authz, ctx) {
    if (req.method !== 'POST')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const review = await readTyped(req, 'SelfSubjectRulesReview', `${AUTHZ}/v1`);
    const namespace = review.spec?.namespace;
    if (!namespace)
        throw new ApiError('BadRequest', 'no namespace on request');
    const { rules, errors } = authz.rbac.rulesFor(ctx.user, namespace);
    const status = {
        resourceRules: rules.filter((r) => r.resources?.length).map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) })),
        nonResourceRules: rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
        incomplete: false,
    };
    const evaluationErrors = [...errors];
    // As upstream's node authorizer: a kubelet's rules are not enumerable.
    if (nodeNameOf(ctx.user) !== null) {
        status.incomplete = true;
        evaluationErrors.unshift('node authorizer does not support user rule resolution');
    }
    if (evaluationErrors.length)
        status.evaluationError = evaluationErrors.length === 1 ? evaluationErrors[0] : `[${evaluationErrors.join(', ')}]`;
    const out = { kind: 'SelfSubjectRulesReview', apiVersion: `${AUTHZ}/v1`, metadata: { ...(review.metadata ?? {}) }, spec: review.spec, status };
    sendJson(res, 201, out, ctx.warnings);
}
//# sourceMappingURL=access-reviews.js.map
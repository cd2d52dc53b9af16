// authentication.k8s.io/v1 requests that store nothing: TokenRequest (POST serviceaccounts/<n>/token,
// what `kubectl create token` and the kubelet send) and TokenReview (POST tokenreviews), as
// kube-apiserver answers them. A kubelet may only ask for tokens bound to a Pod on its own node
// (upstream's NodeRestriction).
import { ApiError, conflict, forbidden, invalid } from '../../api/errors.js';
import { rfc3339 } from '../../api/time.js';
import { FieldPath } from '../../api/validation/field.js';
import { validateTokenExpiration } from '../../api/validation/volumes.js';
import { nodeNameOf } from '../auth/identity.js';
import { decodeObject, mediaType, readBody } from '../http/body.js';
import { checkTypes } from '../http/typecheck.js';
import { sendJson } from './respond.js';
const AUTHN = 'authentication.k8s.io';
const DEFAULT_EXPIRATION_SECONDS = 3600;
/** A request body of one kind of a group that stores nothing (authentication, authorization). */
export async function readTyped(req, kind, apiVersion = `${AUTHN}/v1`) {
    const body = decodeObject(await readBody(req), mediaType(req), kind);
    checkTypes(apiVersion, kind, body);
    return body;
}
function validateExpiration(name, seconds) {
    const causes = validateTokenExpiration(seconds, FieldPath.root('spec').child('expirationSeconds'));
    if (causes.length)
        throw invalid('TokenRequest', name, causes, AUTHN);
}
/** The object a token is to be bound to, looked up now; its uid must be the one the caller named. */
function boundObject(registry, ns, saName, ref) {
    const group = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : '';
    if (group !== '' || (ref.kind !== 'Pod' && ref.kind !== 'Secret')) {
        throw new ApiError('BadRequest', `cannot bind token to object of type ${group}/${ref.apiVersion?.split('/').pop() ?? ''}, Kind=${ref.kind ?? ''}`);
    }
    const obj = registry.core(ref.kind === 'Pod' ? 'pods' : 'secrets').get(ns, ref.name ?? '');
    const uid = obj.metadata.uid;
    let nodeName;
    if (ref.kind === 'Pod') {
        const pod = obj;
        if (pod.spec.serviceAccountName !== saName) {
            throw new ApiError('BadRequest', `cannot bind token for serviceaccount "${saName}" to pod running with serviceaccount "${pod.spec.serviceAccountName ?? ''}"`);
        }
        nodeName = pod.spec.nodeName;
    }
    if (ref.uid && ref.uid !== uid) {
        throw conflict(ref.kind, ref.name ?? '', `the UID in the bound object reference (${ref.uid}) does not match the UID in record (${uid}). The object might have been deleted and then recreated`);
    }
    const nodeUid = nodeName ? registry.core('nodes').getEntry(undefined, nodeName)?.obj.metadata.uid : undefined;
    return { kind: ref.kind, name: ref.name ?? '', uid, ...(nodeName ? { nodeName } : {}), ...(nodeUid ? { nodeUid } : {}) };
}
/** What NodeRestriction allows a kubelet: tokens bound to a Pod scheduled on its own node. */
function restrictNode(ctx, saName, bound) {
    const node = nodeNameOf(ctx.user);
    if (node === null)
        return;
    if (bound?.kind !== 'Pod')
        throw forbidden('serviceaccounts', saName, 'node requested token not bound to a pod');
    if (bound.nodeName !== node)
        throw forbidden('serviceaccounts', saName, 'node requested token bound to a pod scheduled on a different node');
}
/** POST serviceaccounts/<name>/token. */
export async function handleTokenRequest(req, res, ns, name, registry, tokens, ctx) {
    if (req.method !== 'POST')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const tr = await readTyped(req, 'TokenRequest');
    const spec = { ...(tr.spec ?? {}) };
    spec.expirationSeconds ??= DEFAULT_EXPIRATION_SECONDS;
    validateExpiration(name, spec.expirationSeconds);
    const sa = registry.core('serviceaccounts').get(ns, name);
    const bound = spec.boundObjectRef ? boundObject(registry, ns, name, spec.boundObjectRef) : undefined;
    restrictNode(ctx, name, bound);
    if (!spec.audiences?.length)
        spec.audiences = [...tokens.apiAudiences];
    if (bound)
        spec.boundObjectRef = { ...spec.boundObjectRef, uid: bound.uid };
    const { token, expiresAt } = await tokens.issue({ namespace: ns, serviceAccount: { name, uid: sa.metadata.uid }, audiences: spec.audiences, expirationSeconds: spec.expirationSeconds, bound });
    const out = {
        kind: 'TokenRequest',
        apiVersion: `${AUTHN}/v1`,
        metadata: { ...(tr.metadata ?? {}), name, namespace: ns, creationTimestamp: rfc3339() },
        spec,
        status: { token, expirationTimestamp: rfc3339(expiresAt) },
    };
    sendJson(res, 201, out, ctx.warnings);
}
/** POST tokenreviews: whether a token authenticates, as whom, for which of the audiences asked. */
export async function handleTokenReview(req, res, tokens, ctx) {
    if (req.method !== 'POST')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const review = await readTyped(req, 'TokenReview');
    const spec = review.spec ?? {};
    if (!spec.token)
        throw invalid('TokenReview', review.metadata?.name ?? '', [{ reason: 'FieldValueRequired', field: 'spec.token', message: 'Required value' }], AUTHN);
    const wanted = spec.audiences?.length ? spec.audiences : tokens.apiAudiences;
    const result = await tokens.authenticate(spec.token, wanted);
    const status = result
        ? {
            authenticated: true,
            user: { username: result.user.name, uid: result.user.uid, groups: result.user.groups, ...(result.user.extra ? { extra: result.user.extra } : {}) },
            audiences: result.audiences,
        }
        : { user: {}, error: 'invalid bearer token' };
    const out = { kind: 'TokenReview', apiVersion: `${AUTHN}/v1`, metadata: { ...(review.metadata ?? {}), creationTimestamp: rfc3339() }, spec, status };
    sendJson(res, 201, out, ctx.warnings);
}
/** Service-account issuer discovery (ISSUER_DISCOVERY_PATHS): the OIDC document and the JWKS. */
export function serveIssuerDiscovery(res, path, tokens) {
    const jwks = path === '/openid/v1/jwks';
    const body = JSON.stringify(jwks ? tokens.signer.jwks() : tokens.signer.discovery());
    res.writeHead(200, { 'Content-Type': jwks ? 'application/jwk-set+json' : 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'public, max-age=3600' });
    res.end(body);
}
//# sourceMappingURL=tokens.js.map
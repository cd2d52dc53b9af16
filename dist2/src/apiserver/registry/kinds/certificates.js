// CertificateSigningRequests as upstream's registry keeps them: the requester's identity stamped into
// spec on create; spec never changes afterwards; Approved/Denied conditions come only through /approval
// (which needs `approve` on the signer), the certificate only through /status (which needs `sign`);
// condition timestamps filled in by the server.
import { forbidden, isApiError } from '../../../api/errors.js';
import { rfc3339 } from '../../../api/time.js';
import { validateCertificateSigningRequestApprovalUpdate, validateCertificateSigningRequestStatusUpdate } from '../../../api/validation/certificates.js';
import { authorize } from '../../auth/authorize.js';
import { authorizationResource } from '../../auth/virtual-resources.js';
import { genericStrategy } from './generic.js';
const GROUP = 'certificates.k8s.io';
const APPROVAL = new Set(['Approved', 'Denied']);
/** Whether user may `verb` (approve, sign) requests for signerName, or for every signer of its domain. */
function mayUseSigner(user, verb, signerName, authz) {
    const signers = authorizationResource(GROUP, 'signers');
    for (const name of [signerName, `${signerName.split('/')[0]}/*`]) {
        try {
            authorize(user, { verb, resource: signers, name }, authz);
            return true;
        }
        catch (e) {
            if (!isApiError(e, 'Forbidden'))
                throw e;
        }
    }
    return false;
}
/** Fills in the times a writer left out: a condition whose status is unchanged keeps its transition time. */
function stampConditions(csr, old) {
    const now = rfc3339();
    for (const c of csr.status?.conditions ?? []) {
        c.lastUpdateTime ||= now;
        if (!c.lastTransitionTime) {
            const before = old.status?.conditions?.find((o) => o.type === c.type);
            c.lastTransitionTime = before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : now;
        }
    }
}
function requesterOf(user) {
    return { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups], ...(user.extra ? { extra: structuredClone(user.extra) } : {}) };
}
export function certificateSigningRequestStrategy(authz) {
    const base = genericStrategy({ kind: 'CertificateSigningRequest', hasStatus: true, resetStatusOnCreate: true });
    return {
        ...base,
        prepareForUpdate(obj, old) {
            obj.spec = structuredClone(old.spec);
            if (old.status === undefined)
                delete obj.status;
            else
                obj.status = structuredClone(old.status);
        },
        prepareForStatusUpdate(obj, old) {
            base.prepareForStatusUpdate(obj, old);
            const csr = obj;
            const prev = old;
            // The approval is /approval's: the signer's status write keeps it as stored.
            const kept = (csr.status?.conditions ?? []).filter((c) => !APPROVAL.has(c.type));
            const approval = (prev.status?.conditions ?? []).filter((c) => APPROVAL.has(c.type));
            csr.status = { ...(csr.status ?? {}), conditions: [...approval, ...kept] };
            if (!csr.status.conditions.length)
                delete csr.status.conditions;
            stampConditions(csr, prev);
        },
        validateStatusUpdate: (obj, old) => validateCertificateSigningRequestStatusUpdate(obj, old),
        subresourceWrites: {
            approval: {
                prepare(obj, old) {
                    const csr = obj;
                    const prev = old;
                    for (const k of Object.keys(obj))
                        if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind')
                            delete obj[k];
                    csr.spec = structuredClone(prev.spec);
                    const { certificate: _dropped, ...rest } = csr.status ?? {};
                    csr.status = { ...rest, ...(prev.status?.certificate ? { certificate: prev.status.certificate } : {}) };
                    stampConditions(csr, prev);
                },
                validate: (obj, old) => validateCertificateSigningRequestApprovalUpdate(obj, old),
            },
        },
        admit(verb, obj, old, ctx, subresource) {
            const csr = obj;
            if (verb === 'create' && csr) {
                // Who asked is the server's to say, never the client's (an impersonated user is who asked).
                csr.spec = { ...(csr.spec ?? {}), ...requesterOf(ctx.user) };
                return;
            }
            if (verb !== 'update' || !csr || !old)
                return;
            const stored = old;
            const signer = stored.spec?.signerName ?? '';
            if (subresource === 'approval' && !mayUseSigner(ctx.user, 'approve', signer, authz)) {
                throw forbidden('certificatesigningrequests', stored.metadata.name, `user not permitted to approve requests with signerName ${JSON.stringify(signer)}`, GROUP);
            }
            const signing = subresource === 'status' && (csr.status?.certificate ?? '') !== (stored.status?.certificate ?? '');
            if (signing && !mayUseSigner(ctx.user, 'sign', signer, authz)) {
                throw forbidden('certificatesigningrequests', stored.metadata.name, `user not permitted to sign requests with signerName ${JSON.stringify(signer)}`, GROUP);
            }
        },
    };
}
//# sourceMappingURL=certificates.js.map
// CertificateSigningRequests as upstream's registry keeps them: the requester's identity stamped into
// spec on create; spec never changes afterwards; Approved/Denied conditions come only through /approval
// (which needs `approve` on the signer), the certificate only through /status (which needs `sign`);
// condition timestamps filled in by the server.

import { forbidden, isApiError } from '../../../api/errors.js';
import { rfc3339 } from '../../../api/time.js';
import type { CertificateSigningRequest, KObject } from '../../../api/types.js';
import { validateCertificateSigningRequestApprovalUpdate, validateCertificateSigningRequestStatusUpdate } from '../../../api/validation/certificates.js';
import { authorize } from '../../auth/authorize.js';
import type { UserInfo } from '../../auth/identity.js';
import type { Authorizers } from '../../auth/authorize.js';
import { authorizationResource } from '../../auth/virtual-resources.js';
import type { RequestContext } from '../context.js';
import type { Strategy } from '../strategy.js';
import { genericStrategy } from './generic.js';

const GROUP = 'certificates.k8s.io';
const APPROVAL = new Set(['Approved', 'Denied']);

/** Whether user may `verb` (approve, sign) requests for signerName, or for every signer of its domain. */
function mayUseSigner(user: UserInfo, verb: string, signerName: string, authz: Authorizers): boolean {
  const signers = authorizationResource(GROUP, 'signers');
  for (const name of [signerName, `${signerName.split('/')[0]}/*`]) {
    try {
      authorize(user, { verb, resource: signers, name }, authz);
      return true;
    } catch (e) {
      if (!isApiError(e, 'Forbidden')) throw e;
    }
  }
  return false;
}

/** Fills in the times a writer left out: a condition whose status is unchanged keeps its transition time. */
function stampConditions(csr: CertificateSigningRequest, old: CertificateSigningRequest): void {
  const now = rfc3339();
  for (const c of csr.status?.conditions ?? []) {
    c.lastUpdateTime ||= now;
    if (!c.lastTransitionTime) {
      const before = old.status?.conditions?.find((o) => o.type === c.type);
      c.lastTransitionTime = before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : now;
    }
  }
}

function requesterOf(user: UserInfo): Pick<CertificateSigningRequest['spec'], 'username' | 'uid' | 'groups' | 'extra'> {
  return { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups], ...(user.extra ? { extra: structuredClone(user.extra) } : {}) };
}

export function certificateSigningRequestStrategy(authz: Authorizers): Strategy {
  const base = genericStrategy({ kind: 'CertificateSigningRequest', hasStatus: true, resetStatusOnCreate: true });
  return {
    ...base,
    prepareForUpdate(obj: KObject, old: KObject): void {
      obj.spec = structuredClone(old.spec);
      if (old.status === undefined) delete obj.status;
      else obj.status = structuredClone(old.status);
    },
    prepareForStatusUpdate(obj: KObject, old: KObject): void {
      base.prepareForStatusUpdate(obj, old);
      const csr = obj as CertificateSigningRequest;
      const prev = old as CertificateSigningRequest;
      // The approval is /approval's: the signer's status write keeps it as stored.
      const kept = (csr.status?.conditions ?? []).filter((c) => !APPROVAL.has(c.type));
      const approval = (prev.status?.conditions ?? []).filter((c) => APPROVAL.has(c.type));
      csr.status = { ...(csr.status ?? {}), conditions: [...approval, ...kept] };
      if (!csr.status.conditions!.length) delete csr.status.conditions;
      stampConditions(csr, prev);
    },
    validateStatusUpdate: (obj, old) => validateCertificateSigningRequestStatusUpdate(obj as CertificateSigningRequest, old as CertificateSigningRequest),
    subresourceWrites: {
      approval: {
        prepare(obj: KObject, old: KObject): void {
          const csr = obj as CertificateSigningRequest;
          const prev = old as CertificateSigningRequest;
          for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
          csr.spec = structuredClone(prev.spec);
          const { certificate: _dropped, ...rest } = csr.status ?? {};
          csr.status = { ...rest, ...(prev.status?.certificate ? { certificate: prev.status.certificate } : {}) };
          stampConditions(csr, prev);
        },
        validate: (obj, old) => validateCertificateSigningRequestApprovalUpdate(obj as CertificateSigningRequest, old as CertificateSigningRequest),
      },
    },
    admit(verb: string, obj: KObject | null, old: KObject | null, ctx: RequestContext, subresource?: string): void {
      const csr = obj as CertificateSigningRequest | null;
      if (verb === 'create' && csr) {
        // Who asked is the server's to say, never the client's (an impersonated user is who asked).
        csr.spec = { ...(csr.spec ?? {}), ...requesterOf(ctx.user) } as CertificateSigningRequest['spec'];
        return;
      }
      if (verb !== 'update' || !csr || !old) return;
      const stored = old as CertificateSigningRequest;
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

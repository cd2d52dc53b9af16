// authentication.k8s.io/v1 SelfSubjectReview (what `kubectl auth whoami` sends): the server answers with
// the attributes it authenticated the caller as, impersonation applied. Nothing is stored.
import { ApiError } from '../../api/errors.js';
import { rfc3339 } from '../../api/time.js';
import { sendJson } from './respond.js';
import { readTyped } from './tokens.js';
export async function handleSelfSubjectReview(req, res, ctx) {
    if (req.method !== 'POST')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const review = await readTyped(req, 'SelfSubjectReview');
    const u = ctx.user;
    const out = {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { ...(review.metadata ?? {}), creationTimestamp: rfc3339() },
        status: { userInfo: { username: u.name, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) } },
    };
    sendJson(res, 201, out, ctx.warnings);
}
//# sourceMappingURL=whoami.js.map
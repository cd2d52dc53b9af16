// Who is calling: the user and groups from a verified client certificate, as Kubernetes' x509
// authenticator reads them (CN = user, O = groups). Bearer tokens: ./token-authenticator.ts.
import { X509Certificate } from 'node:crypto';
export const ANONYMOUS = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
/** A connection's identity never changes: read the certificate once per socket, not per request. */
const bySocket = new WeakMap();
export function userFromSocket(socket) {
    let user = bySocket.get(socket);
    if (user === undefined) {
        user = readUser(socket);
        bySocket.set(socket, user);
    }
    return user;
}
function readUser(socket) {
    if (!socket.authorized)
        return null;
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.subject)
        return null;
    const cn = cert.subject.CN;
    const o = cert.subject.O;
    if (!cn)
        return null;
    const groups = Array.isArray(o) ? o : o ? [o] : [];
    return { name: Array.isArray(cn) ? cn[0] : cn, groups: [...groups, 'system:authenticated'] };
}
/**
 * The user a client certificate (PEM) names, as the x509 authenticator reads a verified one: for a
 * component inside the server, handed its certificate rather than presenting it on a connection.
 */
export function userFromCertificate(pem) {
    const rdns = new X509Certificate(pem).subject.split('\n');
    const values = (attr) => rdns.filter((r) => r.startsWith(`${attr}=`)).map((r) => r.slice(attr.length + 1));
    const cn = values('CN')[0];
    if (!cn)
        throw new Error('the certificate names no user (no CN)');
    return { name: cn, groups: [...values('O'), 'system:authenticated'] };
}
/** The node a user speaks for, when it is a kubelet's identity (system:node:<name> in system:nodes). */
export function nodeNameOf(user) {
    if (!user.groups.includes('system:nodes') || !user.name.startsWith('system:node:'))
        return null;
    return user.name.slice('system:node:'.length);
}
//# sourceMappingURL=identity.js.map
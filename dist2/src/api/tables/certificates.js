// The rows of `kubectl get csr`: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION, the
// condition summarised as upstream's printer does (Denied over Approved over Pending, then Failed and Issued).
import { column, doc, ageColumn, nameColumn } from './columns.js';
import { humanDuration, since } from './duration.js';
const SPEC = 'io.k8s.api.certificates.v1.CertificateSigningRequestSpec';
export function certificateSigningRequestColumns() {
    return [
        nameColumn(),
        ageColumn(),
        column('SignerName', doc(SPEC, 'signerName')),
        column('Requestor', doc(SPEC, 'request')),
        column('RequestedDuration', doc(SPEC, 'expirationSeconds')),
        column('Condition', doc('io.k8s.api.certificates.v1.CertificateSigningRequestStatus', 'conditions')),
    ];
}
export function certificateSigningRequestCondition(csr) {
    const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
    let text = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
    if (types.has('Failed'))
        text += ',Failed';
    if (csr.status?.certificate)
        text += ',Issued';
    return text;
}
export function certificateSigningRequestCells(o, now) {
    const csr = o;
    const seconds = csr.spec?.expirationSeconds;
    return [
        o.metadata.name,
        since(o.metadata.creationTimestamp, now),
        csr.spec?.signerName || '<none>',
        csr.spec?.username ?? '',
        seconds === undefined ? '<none>' : humanDuration(seconds * 1000),
        certificateSigningRequestCondition(csr),
    ];
}
//# sourceMappingURL=certificates.js.map
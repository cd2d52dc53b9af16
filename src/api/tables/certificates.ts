// The rows of `kubectl get csr`: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION, the
// condition summarised as upstream's printer does (Denied over Approved over Pending, then Failed and Issued).

import type { CertificateSigningRequest, KObject } from '../types.js';
import { column, doc, ageColumn, nameColumn, type ColumnDefinition } from './columns.js';
import { humanDuration, since } from './duration.js';

const SPEC = 'io.k8s.api.certificates.v1.CertificateSigningRequestSpec';

export function certificateSigningRequestColumns(): ColumnDefinition[] {
  return [
    nameColumn(),
    ageColumn(),
    column('SignerName', doc(SPEC, 'signerName')),
    column('Requestor', doc(SPEC, 'request')),
    column('RequestedDuration', doc(SPEC, 'expirationSeconds')),
    column('Condition', doc('io.k8s.api.certificates.v1.CertificateSigningRequestStatus', 'conditions')),
  ];
}

export function certificateSigningRequestCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let text = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) text += ',Failed';
  if (csr.status?.certificate) text += ',Issued';
  return text;
}

export function certificateSigningRequestCells(o: KObject, now: Date): unknown[] {
  const csr = o as CertificateSigningRequest;
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

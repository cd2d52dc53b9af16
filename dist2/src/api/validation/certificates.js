// certificates.k8s.io/v1 rules for CertificateSigningRequests, worded as pkg/apis/certificates/validation:
// the request must be a PEM CSR whose signature holds, usages known and unduplicated, a qualified
// signerName, expirationSeconds ≥ 600; Approved/Denied/Failed conditions only True and never removed;
// Approved/Denied written only through /approval, the certificate only through /status and only once.
import { X509Certificate } from 'node:crypto';
import { parseCertificateRequest } from '../pkcs10.js';
import { duplicateValue, FieldPath, forbidden, invalidShown, invalidValue, requiredValue, tooLong, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX, isDNS1123Label, isDNS1123Subdomain } from './names.js';
export const KEY_USAGES = [
    'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
    'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
    'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];
const LEGACY_UNKNOWN_SIGNER = 'kubernetes.io/legacy-unknown';
const TRUE_ONLY = new Set(['Approved', 'Denied', 'Failed']);
/** A []byte as Go's %#v prints it in a field error. */
function goBytes(b) {
    return `[]byte{${[...b].map((x) => `0x${x.toString(16)}`).join(', ')}}`;
}
export function validateSignerName(path, signerName) {
    if (!signerName)
        return [requiredValue(path)];
    const segments = signerName.split('/');
    if (segments.length !== 2)
        return [invalidValue(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
    const [domain, rest] = segments;
    const causes = [];
    if (domain.length > DNS1123_SUBDOMAIN_MAX)
        causes.push(tooLong(path, DNS1123_SUBDOMAIN_MAX));
    const labels = domain.split('.');
    for (const l of labels) {
        const errs = isDNS1123Label(l);
        if (errs.length) {
            causes.push(...errs.map((e) => invalidValue(path, domain, `validating label ${JSON.stringify(l)}: ${e}`)));
            break;
        }
    }
    if (labels.length < 2)
        causes.push(invalidValue(path, domain, 'should be a domain with at least two segments separated by dots'));
    for (const l of rest.split('.')) {
        const errs = isDNS1123Subdomain(l);
        if (errs.length) {
            causes.push(...errs.map((e) => invalidValue(path, rest, `validating label ${JSON.stringify(l)}: ${e}`)));
            break;
        }
    }
    const max = DNS1123_SUBDOMAIN_MAX + (DNS1123_SUBDOMAIN_MAX + DNS1123_LABEL_MAX + 1) + 1;
    if (signerName.length > max)
        causes.push(tooLong(path, max));
    return causes;
}
/** Why a status.certificate is not one or more CERTIFICATE PEM blocks, or undefined. */
function certificateError(pem) {
    const blocks = [...pem.toString('latin1').matchAll(/-----BEGIN ([^-]+)-----\r?\n([\s\S]*?)-----END \1-----/g)];
    if (!blocks.length)
        return 'must contain at least one CERTIFICATE PEM block';
    for (const [, type, body] of blocks) {
        if (type !== 'CERTIFICATE')
            return `only CERTIFICATE PEM blocks are allowed, found ${JSON.stringify(type)}`;
        if (/^[\w-]+:/m.test(body))
            return 'no PEM block headers are permitted';
        try {
            new X509Certificate(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
        }
        catch (e) {
            return `x509: malformed certificate: ${e.message}`;
        }
    }
    return undefined;
}
function validateConditions(conditions) {
    const path = FieldPath.root('status').child('conditions');
    const causes = [];
    const seen = new Set();
    let approved = false;
    let denied = false;
    (conditions ?? []).forEach((c, i) => {
        const at = path.index(i);
        if (!c.type)
            causes.push(requiredValue(at.child('type')));
        const allowed = TRUE_ONLY.has(c.type) ? ['True'] : ['False', 'True', 'Unknown'];
        if (!c.status)
            causes.push(requiredValue(at.child('status')));
        else if (!allowed.includes(c.status))
            causes.push(unsupportedValue(at.child('status'), c.status, allowed));
        if (c.type === 'Approved')
            approved = true;
        if (c.type === 'Denied')
            denied = true;
        if ((c.type === 'Approved' && denied) || (c.type === 'Denied' && approved)) {
            causes.push(invalidValue(at.child('type'), c.type, 'Approved and Denied conditions are mutually exclusive'));
        }
        if (seen.has(c.type))
            causes.push(duplicateValue(at.child('type'), c.type));
        seen.add(c.type);
    });
    return causes;
}
function validate(csr) {
    const causes = validateObjectMeta(csr.metadata, { namespaced: false, nameRule: () => [] });
    const spec = FieldPath.root('spec');
    const s = csr.spec ?? {};
    const request = Buffer.from(s.request ?? '', 'base64');
    try {
        parseCertificateRequest(request);
    }
    catch (e) {
        causes.push(invalidShown(spec.child('request'), goBytes(request), e.message));
    }
    const usages = s.usages ?? [];
    if (!usages.length)
        causes.push(requiredValue(spec.child('usages')));
    usages.forEach((u, i) => {
        if (!KEY_USAGES.includes(u))
            causes.push(unsupportedValue(spec.child('usages').index(i), u, KEY_USAGES));
    });
    usages.forEach((u, i) => {
        if (usages.indexOf(u) < i)
            causes.push(duplicateValue(spec.child('usages').index(i), u));
    });
    if (s.signerName === LEGACY_UNKNOWN_SIGNER)
        causes.push(invalidValue(spec.child('signerName'), s.signerName, 'the legacy signerName is not allowed via this API version'));
    else
        causes.push(...validateSignerName(spec.child('signerName'), s.signerName));
    if (s.expirationSeconds !== undefined && s.expirationSeconds < 600) {
        causes.push(invalidValue(spec.child('expirationSeconds'), s.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
    }
    causes.push(...validateConditions(csr.status?.conditions));
    return causes;
}
export function validateCertificateSigningRequest(csr) {
    const causes = validate(csr);
    const why = csr.status?.certificate ? certificateError(Buffer.from(csr.status.certificate, 'base64')) : undefined;
    if (why)
        causes.push(invalidValue(FieldPath.root('status').child('certificate'), '<certificate data>', why));
    return causes;
}
const ofType = (csr, type) => (csr.status?.conditions ?? []).filter((c) => c.type === type);
function validateUpdate(csr, old, o) {
    const causes = [...validate(csr), ...validateObjectMetaUpdate(csr.metadata, old.metadata)];
    const conditions = FieldPath.root('status').child('conditions');
    const cert = csr.status?.certificate ?? '';
    const oldCert = old.status?.certificate ?? '';
    if (cert !== oldCert) {
        const why = certificateError(Buffer.from(cert, 'base64'));
        if (cert && why)
            causes.push(invalidValue(FieldPath.root('status').child('certificate'), '<certificate data>', why));
    }
    for (const t of ['Approved', 'Denied', 'Failed']) {
        if (ofType(csr, t).length < ofType(old, t).length)
            causes.push(forbidden(conditions, `updates may not remove a condition of type ${JSON.stringify(t)}`));
    }
    if (!o.allowSettingApprovalConditions) {
        for (const t of ['Approved', 'Denied']) {
            const now = ofType(csr, t);
            const before = ofType(old, t);
            if (now.length > before.length)
                causes.push(forbidden(conditions, `updates may not add a condition of type ${JSON.stringify(t)}`));
            else if (now.length === before.length && JSON.stringify(now) !== JSON.stringify(before))
                causes.push(forbidden(conditions, `updates may not modify a condition of type ${JSON.stringify(t)}`));
        }
    }
    if (cert !== oldCert) {
        if (!o.allowSettingCertificate)
            causes.push(forbidden(FieldPath.root('status').child('certificate'), 'updates may not set certificate content'));
        else if (oldCert)
            causes.push(forbidden(FieldPath.root('status').child('certificate'), 'updates may not modify existing certificate content'));
    }
    return causes;
}
export function validateCertificateSigningRequestUpdate(csr, old) {
    return validateUpdate(csr, old, {});
}
export function validateCertificateSigningRequestStatusUpdate(csr, old) {
    return validateUpdate(csr, old, { allowSettingCertificate: true });
}
export function validateCertificateSigningRequestApprovalUpdate(csr, old) {
    return validateUpdate(csr, old, { allowSettingApprovalConditions: true });
}
//# sourceMappingURL=certificates.js.map
// PKCS#10 certificate signing requests, read as Go's x509.ParseCertificateRequest and CheckSignature
// read them: the PEM block, the DER structure, the subject (CN, O), the subject alternative names asked
// for, and the signature checked against the request's own public key with node:crypto. Node reads
// certificates (X509Certificate) but not requests; this is the small part of DER that requests use.
import { createPublicKey, verify } from 'node:crypto';
function truncated() {
    return new Error('asn1: syntax error: data truncated');
}
function readTlv(der, at, limit = der.length) {
    if (at + 2 > limit)
        throw truncated();
    const tag = der[at];
    let len = der[at + 1];
    let body = at + 2;
    if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 4 || body + n > limit)
            throw new Error('asn1: syntax error: invalid length');
        len = 0;
        for (let i = 0; i < n; i++)
            len = len * 256 + der[body + i];
        body += n;
    }
    if (body + len > limit)
        throw truncated();
    return { tag, start: at, body, end: body + len };
}
/** The elements inside a constructed element. */
function children(der, parent) {
    const out = [];
    for (let at = parent.body; at < parent.end;) {
        const t = readTlv(der, at, parent.end);
        out.push(t);
        at = t.end;
    }
    return out;
}
function expect(t, tag, what) {
    if (!t || t.tag !== tag)
        throw new Error(`asn1: structure error: tags don't match (${what})`);
    return t;
}
function oid(der, t) {
    const b = der.subarray(t.body, t.end);
    if (b.length === 0)
        throw new Error('asn1: syntax error: zero length OBJECT IDENTIFIER');
    const parts = [Math.floor(b[0] / 40), b[0] % 40];
    let v = 0;
    for (let i = 1; i < b.length; i++) {
        v = v * 128 + (b[i] & 0x7f);
        if (!(b[i] & 0x80)) {
            parts.push(v);
            v = 0;
        }
    }
    return parts.join('.');
}
const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const CN = '2.5.4.3';
const O = '2.5.4.10';
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const SUBJECT_ALT_NAME = '2.5.29.17';
/** Signature algorithms Go accepts on requests, and the digest node:crypto verifies them with (null: none, Ed25519). */
const SIGNATURE_DIGESTS = {
    '1.2.840.113549.1.1.5': 'sha1',
    '1.2.840.113549.1.1.11': 'sha256',
    '1.2.840.113549.1.1.12': 'sha384',
    '1.2.840.113549.1.1.13': 'sha512',
    '1.2.840.10045.4.1': 'sha1',
    '1.2.840.10045.4.3.2': 'sha256',
    '1.2.840.10045.4.3.3': 'sha384',
    '1.2.840.10045.4.3.4': 'sha512',
    '1.3.101.112': null,
};
function text(der, t) {
    // BMPString is UTF-16BE; the other string types requests use are UTF-8 or a subset of it.
    if (t.tag === 0x1e) {
        if ((t.end - t.body) % 2)
            throw new Error('asn1: invalid BMPString');
        return Buffer.from(der.subarray(t.body, t.end)).swap16().toString('utf16le');
    }
    return der.subarray(t.body, t.end).toString('utf8');
}
function readSubject(der, name, into) {
    for (const rdn of children(der, expect(name, SEQUENCE, 'subject'))) {
        for (const atv of children(der, expect(rdn, SET, 'RDN'))) {
            const [type, value] = children(der, expect(atv, SEQUENCE, 'attribute'));
            const id = oid(der, expect(type, OID, 'attribute type'));
            if (!value)
                throw truncated();
            // Go keeps the last CN it meets and every O, in order.
            if (id === CN)
                into.commonName = text(der, value);
            else if (id === O)
                into.organizations.push(text(der, value));
        }
    }
}
function ipText(b) {
    if (b.length === 4)
        return [...b].join('.');
    const groups = [];
    for (let i = 0; i + 1 < b.length; i += 2)
        groups.push(b.readUInt16BE(i).toString(16));
    return groups.join(':');
}
function readAltNames(ext, into) {
    const seq = readTlv(ext, 0);
    for (const n of children(ext, expect(seq, SEQUENCE, 'subjectAltName'))) {
        const v = ext.subarray(n.body, n.end);
        switch (n.tag) {
            case 0x81:
                into.emailAddresses.push(v.toString('latin1'));
                break;
            case 0x82:
                into.dnsNames.push(v.toString('latin1'));
                break;
            case 0x86:
                into.uris.push(v.toString('latin1'));
                break;
            case 0x87:
                into.ipAddresses.push(ipText(v));
                break;
        }
    }
}
function readAttributes(der, attrs, into) {
    for (const attr of children(der, attrs)) {
        const [type, values] = children(der, expect(attr, SEQUENCE, 'attribute'));
        if (oid(der, expect(type, OID, 'attribute type')) !== EXTENSION_REQUEST || !values)
            continue;
        for (const exts of children(der, expect(values, SET, 'attribute values'))) {
            for (const ext of children(der, expect(exts, SEQUENCE, 'extensions'))) {
                const parts = children(der, expect(ext, SEQUENCE, 'extension'));
                if (oid(der, expect(parts[0], OID, 'extension id')) !== SUBJECT_ALT_NAME)
                    continue;
                const value = expect(parts[parts.length - 1], OCTET_STRING, 'extension value');
                readAltNames(der.subarray(value.body, value.end), into);
            }
        }
    }
}
/** The DER of the first `CERTIFICATE REQUEST` PEM block, or an error worded as upstream's ParseCSR. */
function pemBody(pem) {
    const s = typeof pem === 'string' ? pem : pem.toString('latin1');
    const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(s);
    if (!m || m[1] !== 'CERTIFICATE REQUEST' || /:/.test(m[2]))
        throw new Error('PEM block type must be CERTIFICATE REQUEST');
    return Buffer.from(m[2].replace(/\s+/g, ''), 'base64');
}
/** Parses a PEM certificate request and checks its signature; throws an Error with Go's wording. */
export function parseCertificateRequest(pem) {
    const der = pemBody(pem);
    const outer = expect(readTlv(der, 0), SEQUENCE, 'certificate request');
    if (outer.end !== der.length)
        throw new Error('x509: trailing data after X.509 CertificateRequest');
    const [info, algorithm, signature] = children(der, outer);
    const infoParts = children(der, expect(info, SEQUENCE, 'certificate request info'));
    const [, subject, spki, attrs] = infoParts;
    const req = { commonName: '', organizations: [], dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [], publicKey: undefined };
    readSubject(der, subject, req);
    try {
        req.publicKey = createPublicKey({ key: der.subarray(expect(spki, SEQUENCE, 'public key').start, spki.end), format: 'der', type: 'spki' });
    }
    catch {
        throw new Error('x509: unsupported public key type');
    }
    if (attrs && attrs.tag === 0xa0)
        readAttributes(der, attrs, req);
    const algId = oid(der, expect(children(der, expect(algorithm, SEQUENCE, 'signature algorithm'))[0], OID, 'algorithm'));
    const sig = expect(signature, BIT_STRING, 'signature');
    if (!(algId in SIGNATURE_DIGESTS))
        throw new Error('x509: cannot verify signature: algorithm unimplemented');
    const ok = verify(SIGNATURE_DIGESTS[algId], der.subarray(info.start, info.end), req.publicKey, der.subarray(sig.body + 1, sig.end));
    if (!ok)
        throw new Error(req.publicKey.asymmetricKeyType === 'rsa' ? 'crypto/rsa: verification error' : 'x509: ECDSA verification failure');
    return req;
}
//# sourceMappingURL=pkcs10.js.map
// Image reference parsing and normalisation with Docker's rules, which the kubelet and containerd
// share: `nginx` → `docker.io/library/nginx:latest`. A bad reference is an InvalidImageName error.
import { ImageError } from './errors.js';
export const DEFAULT_DOMAIN = 'docker.io';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const ANONYMOUS_ID = /^[a-f0-9]{64}$/;
function invalid(ref, why) {
    return new ImageError('InvalidImageName', `Failed to apply default image tag "${ref}": couldn't parse image name "${ref}": ${why}`);
}
export function parseReference(ref) {
    if (ref === '' || ref.trim() !== ref)
        throw invalid(ref, 'invalid reference format');
    let rest = ref;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            throw invalid(ref, 'invalid reference format');
        if (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest))
            throw invalid(ref, 'invalid checksum digest format');
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            throw invalid(ref, 'invalid reference format');
    }
    let domain = DEFAULT_DOMAIN;
    let path = rest;
    const slash = rest.indexOf('/');
    const first = slash >= 0 ? rest.slice(0, slash) : '';
    // The first component is a registry host when it looks like one (Docker's rule).
    if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
        domain = first;
        path = rest.slice(slash + 1);
        if (!DOMAIN.test(domain))
            throw invalid(ref, 'invalid reference format');
    }
    if (domain === 'index.docker.io')
        domain = DEFAULT_DOMAIN;
    if (domain === DEFAULT_DOMAIN && !path.includes('/'))
        path = `library/${path}`;
    if (path.toLowerCase() !== path)
        throw invalid(ref, 'repository name must be lowercase');
    if (!PATH.test(path))
        throw invalid(ref, 'invalid reference format');
    if (ANONYMOUS_ID.test(rest))
        throw invalid(ref, 'cannot specify 64-byte hexadecimal strings');
    if (`${domain}/${path}`.length > 255)
        throw invalid(ref, 'repository name must not be more than 255 characters');
    return { domain, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
/** Adds `:latest` when neither a tag nor a digest is given (the kubelet's default). */
export function normalizeReference(ref) {
    const r = parseReference(ref);
    return r.tag === undefined && r.digest === undefined ? { ...r, tag: 'latest' } : r;
}
export function repositoryOf(r) {
    return `${r.domain}/${r.path}`;
}
/** The full normalised text: `docker.io/library/nginx:latest`, `host/x@sha256:…`. */
export function formatReference(r) {
    return repositoryOf(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest !== undefined ? `@${r.digest}` : '');
}
export function normalizeReferenceString(ref) {
    return formatReference(normalizeReference(ref));
}
//# sourceMappingURL=reference.js.map
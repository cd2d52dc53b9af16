// Discovery documents, all generated from the served-resources list: the legacy ones (/api, /apis,
// /api/v1, /apis/<g>/<v>), the aggregated ones kubectl asks for first (apidiscovery.k8s.io v2 and
// v2beta1, chosen by the Accept header), and /version.
import { METRICS_RESOURCES } from '../api/schema/metrics.js';
import { RESOURCES, SUBRESOURCES, apiVersionOf, groupVersions } from '../api/schema/resources.js';
import { compareVersions } from './crd/served.js';
/** Everything served: the stored resources, then the computed resource metrics. */
const SERVED = [...RESOURCES, ...METRICS_RESOURCES];
/** Content-Type of an aggregated discovery answer; the client reads g, v and as from it. */
export function aggregatedContentType(version) {
    return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
/** `GET /api`: APIVersions. */
export function apiVersions(serverAddress = '') {
    return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
}
/** The named groups and their versions (preferred first); custom: the custom resources served now. */
function namedGroups(custom) {
    const groups = new Map();
    const gvs = [...groupVersions(), ...METRICS_RESOURCES.map((r) => ({ group: r.group, version: r.version }))];
    for (const gv of gvs)
        if (gv.group && !groups.get(gv.group)?.includes(gv.version))
            groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv.version]);
    const builtIn = new Set(groups.keys());
    for (const r of custom)
        if (!builtIn.has(r.group) && !groups.get(r.group)?.includes(r.version))
            groups.set(r.group, [...(groups.get(r.group) ?? []), r.version]);
    return [...groups].map(([name, versions]) => ({ name, versions: builtIn.has(name) ? versions : versions.sort(compareVersions) }));
}
/** `GET /apis`: APIGroupList of the named groups. */
export function apiGroupList(custom = []) {
    return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: namedGroups(custom).map(({ name, versions }) => {
            const vs = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
            return { name, versions: vs, preferredVersion: vs[0] };
        }),
    };
}
/** `GET /apis/<group>`: one APIGroup, or undefined when the group is not served. */
export function apiGroup(group, custom = []) {
    const g = namedGroups(custom).find((x) => x.name === group);
    if (!g)
        return undefined;
    const vs = g.versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
    return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: vs, preferredVersion: vs[0] };
}
const inGroupVersion = (group, version, custom) => [...SERVED, ...custom].filter((r) => r.group === group && r.version === version);
/** `GET /api/v1` or `/apis/<g>/<v>`: APIResourceList, or undefined when not served. */
export function apiResourceList(group, version, custom = []) {
    const rs = inGroupVersion(group, version, custom);
    if (!rs.length)
        return undefined;
    const resources = [];
    for (const r of rs) {
        resources.push({
            name: r.plural,
            singularName: r.singular,
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: r.verbs,
            ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
            ...(r.categories.length ? { categories: r.categories } : {}),
        });
        for (const sub of r.subresources) {
            const info = SUBRESOURCES[sub];
            const kind = info.kind;
            const foreign = kind && (kind.group !== r.group || kind.version !== r.version);
            resources.push({
                name: `${r.plural}/${sub}`,
                singularName: '',
                namespaced: r.namespaced,
                ...(foreign ? { group: kind.group, version: kind.version } : {}),
                kind: kind?.kind ?? r.kind,
                verbs: info.verbs,
            });
        }
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(rs[0]), resources };
}
function discoveryResource(r) {
    return {
        resource: r.plural,
        responseKind: { group: r.group, version: r.version, kind: r.kind },
        scope: r.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: r.singular,
        verbs: r.verbs,
        ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
        ...(r.categories.length ? { categories: r.categories } : {}),
        ...(r.subresources.length
            ? {
                subresources: r.subresources.map((sub) => {
                    const info = SUBRESOURCES[sub];
                    return { subresource: sub, responseKind: info.kind ?? { group: r.group, version: r.version, kind: r.kind }, verbs: info.verbs };
                }),
            }
            : {}),
    };
}
/**
 * Aggregated discovery: `GET /api` (core: true) or `GET /apis` (core: false) as an APIGroupDiscoveryList
 * in apidiscovery.k8s.io/v2 or v2beta1 (the two are the same shape).
 */
export function aggregatedDiscovery(core, version = 'v2', custom = []) {
    const groups = core ? [{ name: '', versions: ['v1'] }] : namedGroups(custom);
    return {
        kind: 'APIGroupDiscoveryList',
        apiVersion: `apidiscovery.k8s.io/${version}`,
        metadata: {},
        items: groups.map(({ name, versions }) => ({
            metadata: { name, creationTimestamp: null },
            versions: versions.map((v) => ({ version: v, resources: inGroupVersion(name, v, custom).map(discoveryResource), freshness: 'Current' })),
        })),
    };
}
/** The Kubernetes version berth speaks, as `GET /version` reports it. */
export const KUBERNETES_VERSION = { major: '1', minor: '32', patch: '0' };
/** `GET /version`. */
export function versionInfo(berthVersion, buildDate = new Date(0).toISOString()) {
    const { major, minor, patch } = KUBERNETES_VERSION;
    return {
        major,
        minor,
        gitVersion: `v${major}.${minor}.${patch}+berth-${berthVersion}`,
        gitCommit: '',
        gitTreeState: 'clean',
        buildDate: buildDate.replace(/\.\d+Z$/, 'Z'),
        goVersion: `node${process.versions.node}`,
        compiler: 'tsc',
        platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
    };
}
//# sourceMappingURL=discovery.js.map
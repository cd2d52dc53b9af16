// Kubernetes' own OpenAPI v3 documents for the release berth speaks, read as data (see upstream/README.md
// for where they come from and how they are pinned). One document per group-version, as upstream serves
// them at /openapi/v3/<gv>; each holds every schema its operations reach.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/** The Kubernetes release whose published documents are in upstream/. */
export const KUBERNETES_SCHEMA_RELEASE = '1.32';
// The data stays in the source tree (tsc copies no JSON): from dist/src/api/schema/ back to it.
export const UPSTREAM_DIR = fileURLToPath(new URL(`../../../../src/api/schema/upstream/v${KUBERNETES_SCHEMA_RELEASE}/`, import.meta.url));
/** Upstream's file name for a group-version: `api__v1_openapi.json`, `apis__apps__v1_openapi.json`. */
export function documentFile(group, version) {
    return group ? `apis__${group}__${version}_openapi.json` : `api__${version}_openapi.json`;
}
/** The schemas (`components.schemas`) of a group-version's document, or undefined if upstream publishes none. */
export function upstreamSchemas(group, version) {
    let text;
    try {
        text = readFileSync(UPSTREAM_DIR + documentFile(group, version), 'utf8');
    }
    catch {
        return undefined;
    }
    const doc = JSON.parse(text);
    return doc.components?.schemas ?? {};
}
//# sourceMappingURL=upstream.js.map
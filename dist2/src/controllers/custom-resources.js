// Where a custom resource lives, for controllers that meet one by name only (a quota's
// `count/<plural>.<group>`, an ownerReference's apiVersion and kind): its CustomResourceDefinition, named
// `<plural>.<group>` or found by kind, gives the served version its objects are read at.
import { ApiError } from '../api/errors.js';
import { customResourceDefinitions } from '../client/resources.js';
function resourceOf(crd, version) {
    const established = crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    const served = crd.spec.versions.filter((v) => v.served);
    const v = version ? served.find((x) => x.name === version) : (served.find((x) => x.storage) ?? served[0]);
    if (!established || !v)
        return undefined;
    const names = crd.status?.acceptedNames ?? crd.spec.names;
    return { group: crd.spec.group, version: v.name, plural: names.plural, namespaced: crd.spec.scope === 'Namespaced', kind: names.kind };
}
/** The custom resource plural.group, at a served version (the storage one), or undefined when not served. */
export async function customResourceByName(client, plural, group) {
    try {
        return resourceOf(await client.get(customResourceDefinitions, undefined, `${plural}.${group}`));
    }
    catch (e) {
        if (e instanceof ApiError && e.code === 'NotFound')
            return undefined;
        throw e;
    }
}
/** The custom resource of kind at apiVersion `group/version`, or undefined when no CRD serves it. */
export async function customResourceByKind(client, apiVersion, kind) {
    const slash = apiVersion.indexOf('/');
    if (slash < 0)
        return undefined;
    const [group, version] = [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
    const crds = await client.list(customResourceDefinitions, undefined);
    const crd = crds.items.find((c) => c.spec.group === group && (c.status?.acceptedNames ?? c.spec.names).kind === kind);
    return crd && resourceOf(crd, version);
}
//# sourceMappingURL=custom-resources.js.map
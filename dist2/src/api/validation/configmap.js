import { validateDisjoint, validateImmutableData, validateKeys, MAX_DATA_SIZE } from './data.js';
import { FieldPath, tooLong } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
function validateConfigMapData(cm) {
    const causes = [
        ...validateKeys(cm.data, FieldPath.root('data')),
        ...validateKeys(cm.binaryData, FieldPath.root('binaryData')),
        ...validateDisjoint(cm.data, cm.binaryData, FieldPath.root('binaryData')),
    ];
    let size = 0;
    for (const [k, v] of Object.entries(cm.data ?? {}))
        size += k.length + Buffer.byteLength(v);
    for (const [k, v] of Object.entries(cm.binaryData ?? {}))
        size += k.length + Buffer.from(v, 'base64').length;
    // Upstream reports the size on an unnamed path, which prints as "[]".
    if (size > MAX_DATA_SIZE)
        causes.push(tooLong(FieldPath.root('[]'), MAX_DATA_SIZE));
    return causes;
}
export function validateConfigMap(cm) {
    return [...validateObjectMeta(cm.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateConfigMapData(cm)];
}
export function validateConfigMapUpdate(cm, old) {
    return [
        ...validateObjectMetaUpdate(cm.metadata, old.metadata),
        ...validateImmutableData(cm, old, ['data', 'binaryData']),
        ...validateConfigMapData(cm),
    ];
}
//# sourceMappingURL=configmap.js.map
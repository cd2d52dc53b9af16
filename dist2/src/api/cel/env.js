// The one CEL environment of the API server: CEL's standard functions, the strings extension, and
// Kubernetes' own libraries (library.ts). CRD validation rules and admission policies both compile
// against it; each names its variables.
import { celEnv, CelScalar } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { KUBERNETES_LIBRARY } from './library.js';
import { AUTHORIZER_LIBRARY } from './authorizer.js';
const FUNCS = [...strings, ...KUBERNETES_LIBRARY, ...AUTHORIZER_LIBRARY];
const envs = new Map();
/** The environment declaring these variables (all dyn: values arrive typed by their schema). */
export function environment(variables) {
    const key = [...variables].sort().join(',');
    let env = envs.get(key);
    if (!env) {
        env = celEnv({ funcs: FUNCS, variables: Object.fromEntries(variables.map((v) => [v, CelScalar.DYN])) });
        envs.set(key, env);
    }
    return env;
}
//# sourceMappingURL=env.js.map
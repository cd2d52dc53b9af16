// The argv a container runs: Pod command/args over the image's ENTRYPOINT/CMD, as Kubernetes
// combines them (a command replaces both; args alone replace only CMD), then `$(VAR)` expanded.
import { expandVars } from './expand.js';
export function containerArgv(c, image, env) {
    const lookup = (n) => env.get(n);
    const command = (c.command ?? []).map((s) => expandVars(s, lookup));
    const args = (c.args ?? []).map((s) => expandVars(s, lookup));
    if (command.length > 0)
        return [...command, ...args];
    const entrypoint = image.entrypoint ?? [];
    return args.length > 0 ? [...entrypoint, ...args] : [...entrypoint, ...(image.cmd ?? [])];
}
//# sourceMappingURL=command.js.map
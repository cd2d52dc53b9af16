// One CNI plugin invocation as the CNI spec defines it: the verb and the attachment in environment
// variables, the network configuration as JSON on stdin, the result (or an error object) on stdout.
import { runCommand } from './command.js';
export class CniError extends Error {
    plugin;
    code;
    constructor(plugin, code, message) {
        super(`CNI plugin ${plugin} failed (code ${code}): ${message}`);
        this.plugin = plugin;
        this.code = code;
    }
}
export async function invokePlugin(binDir, command, att, config) {
    const type = String(config.type);
    const env = {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
        CNI_COMMAND: command,
        CNI_CONTAINERID: att.containerId,
        CNI_NETNS: att.netns,
        CNI_IFNAME: att.ifName,
        CNI_PATH: binDir,
    };
    const r = await runCommand(`${binDir}/${type}`, [], { env, input: JSON.stringify(config) });
    const out = r.stdout.toString().trim();
    if (r.code !== 0)
        throw pluginError(type, r.code, out || r.stderr.toString().trim());
    return command === 'ADD' && out ? JSON.parse(out) : null;
}
/** Plugins report failures as `{code, msg, details}` on stdout; older ones just print text. */
function pluginError(plugin, exitCode, text) {
    try {
        const e = JSON.parse(text);
        return new CniError(plugin, e.code ?? exitCode, [e.msg, e.details].filter(Boolean).join(': '));
    }
    catch {
        return new CniError(plugin, exitCode, text);
    }
}
//# sourceMappingURL=plugin.js.map
// One CNI plugin invocation as the CNI spec defines it: the verb and the attachment in environment
// variables, the network configuration as JSON on stdin, the result (or an error object) on stdout.
import type { HostCommands } from '../../util/host-command.js';

export type CniCommand = 'ADD' | 'DEL' | 'CHECK';

export interface Attachment {
  containerId: string;
  netns: string;
  ifName: string;
}

export interface CniIp { address: string; gateway?: string; interface?: number }
export interface CniResult {
  cniVersion: string;
  interfaces?: { name: string; mac?: string; sandbox?: string }[];
  ips?: CniIp[];
  routes?: unknown[];
  dns?: unknown;
}

export class CniError extends Error {
  constructor(readonly plugin: string, readonly code: number, message: string) {
    super(`CNI plugin ${plugin} failed (code ${code}): ${message}`);
  }
}

export async function invokePlugin(
  host: HostCommands,
  binDir: string,
  command: CniCommand,
  att: Attachment,
  config: Record<string, unknown>,
): Promise<CniResult | null> {
  const type = String(config.type);
  const env = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    CNI_COMMAND: command,
    CNI_CONTAINERID: att.containerId,
    CNI_NETNS: att.netns,
    CNI_IFNAME: att.ifName,
    CNI_PATH: binDir,
  };
  const r = await host.run(`${binDir}/${type}`, [], { env, input: JSON.stringify(config) });
  const out = r.stdout.toString().trim();
  if (r.code !== 0) throw pluginError(type, r.code, out || r.stderr.toString().trim());
  return command === 'ADD' && out ? (JSON.parse(out) as CniResult) : null;
}

/** Plugins report failures as `{code, msg, details}` on stdout; older ones just print text. */
function pluginError(plugin: string, exitCode: number, text: string): CniError {
  try {
    const e = JSON.parse(text) as { code?: number; msg?: string; details?: string };
    return new CniError(plugin, e.code ?? exitCode, [e.msg, e.details].filter(Boolean).join(': '));
  } catch {
    return new CniError(plugin, exitCode, text);
  }
}

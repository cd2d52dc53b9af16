// Pods of one node talk across its Linux bridge, below IP routing: only with br_netfilter and
// net.bridge.bridge-nf-call-iptables=1 do those packets pass the inet hooks the policy table lives on
// (and conntrack, which replies are allowed by). Set at the node's start, idempotently.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { runChecked } from '../../runtime/cni/command.js';

const SYSCTL = '/proc/sys/net/bridge/bridge-nf-call-iptables';

export async function ensureBridgeNetfilter(): Promise<void> {
  // Built into some kernels; a module (absent until loaded) on Debian's.
  if (!existsSync(SYSCTL)) await runChecked('modprobe', ['br_netfilter']);
  if ((await readFile(SYSCTL, 'utf8')).trim() !== '1') await writeFile(SYSCTL, '1\n');
}

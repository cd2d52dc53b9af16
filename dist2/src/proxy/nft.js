// Running nftables programs: one `nft -f -` call is one kernel transaction, so a ruleset is replaced
// whole or not at all.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { runChecked, runCommand } from '../runtime/cni/command.js';
/** Applies an nftables program atomically; throws with nft's message when the kernel refuses it. */
export async function applyNft(program) {
    await runChecked('nft', ['-f', '-'], { input: program });
}
/** Deletes table `<family> <table>` (one component's rules and nothing else); false when there is none (or no nft). */
export async function deleteNftTable(family, table) {
    const tables = await runCommand('nft', ['list', 'tables', family]).catch(() => null);
    if (!tables || tables.code !== 0 || !tables.stdout.toString().split('\n').includes(`table ${family} ${table}`))
        return false;
    await applyNft(`delete table ${family} ${table}\n`);
    return true;
}
const BRIDGE_NF = '/proc/sys/net/bridge/bridge-nf-call-iptables';
/**
 * Makes bridged IPv4 traffic pass the ip hooks (br_netfilter), as kube-proxy requires of bridge
 * networks: a reply from a Pod to a Pod on the same bridge is switched, not routed, and only then
 * does conntrack see it and undo the Service's DNAT. Returns why it could not, or null.
 */
export async function ensureBridgeNetfilter() {
    if (!existsSync(BRIDGE_NF))
        await runCommand('modprobe', ['br_netfilter']).catch(() => undefined);
    if (!existsSync(BRIDGE_NF))
        return 'the br_netfilter kernel module is not loaded (modprobe br_netfilter)';
    if ((await readFile(BRIDGE_NF, 'utf8')).trim() === '1')
        return null;
    return writeFile(BRIDGE_NF, '1\n').then(() => null, (e) => `cannot set net.bridge.bridge-nf-call-iptables=1: ${e.message}`);
}
//# sourceMappingURL=nft.js.map
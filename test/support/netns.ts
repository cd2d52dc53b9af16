// Hosts for multi-node tests: each is a network namespace on one L2 segment (a bridge in a "lan"
// namespace of its own, so the host's firewall and bridges are never involved), with an address in
// 192.168.231.0/24; this machine joins the segment as 192.168.231.1. With several segments (/24s),
// the lan namespace is also the router between them (.1 on each, each host's default route), and this
// machine joins the first at .254 with routes to the others. Everything is removed by dispose(),
// which also runs when the test process exits without it.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';

const run = promisify(execFile);
export const LAN_HOST_IP = '192.168.231.1';

export interface NetnsHost {
  name: string;
  ip: string;
  /** Runs a command in the host's namespace. */
  exec(args: string[]): Promise<{ stdout: string; stderr: string }>;
  spawn(args: string[]): ChildProcess;
}

export interface Lan {
  /** This machine's address on the (first) segment. */
  hostIP: string;
  addHost(ip: string): Promise<NetnsHost>;
  dispose(): Promise<void>;
}

/**
 * `ip netns exec` mounts the namespace's own /sys, which hides the host's cgroup hierarchies runc
 * needs: the shell commands that mount them again where they were (same hierarchies, same options).
 */
function remountCgroups(): string {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => {
    const [pre, post] = l.split(' - ');
    const f = pre?.split(' ') ?? [];
    const [fstype, , superOpts] = post?.split(' ') ?? [];
    return { point: f[4] ?? '', fstype: fstype ?? '', opts: superOpts ?? '' };
  }).filter((m) => m.point.startsWith('/sys/fs/cgroup'));
  return mounts.map((m) => `mkdir -p ${m.point} && mount -t ${m.fstype} -o ${m.opts} ${m.fstype} ${m.point}`).join(' && ') || 'true';
}

async function ip(args: string[]): Promise<void> {
  await run('ip', args);
}

/**
 * What a killed run left (its namespaces, with any process still in them, and its uplink): under the
 * host lock no other run's can exist, and a second 192.168.231.1 would take this run's traffic.
 */
async function removeStale(tagPrefix: string): Promise<void> {
  const ours = new RegExp(`^${tagPrefix}\\d+-`);
  const names = (await run('ip', ['netns', 'list'])).stdout.split('\n').map((l) => l.split(' ')[0]).filter((n): n is string => n !== undefined && ours.test(n));
  for (const ns of names) {
    const pids = (await run('ip', ['netns', 'pids', ns]).catch(() => ({ stdout: '' }))).stdout.split('\n').filter(Boolean).map(Number);
    for (const pid of pids) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    await run('ip', ['netns', 'del', ns]).catch(() => undefined);
  }
  const links = (await run('ip', ['-o', 'link', 'show'])).stdout.split('\n').map((l) => new RegExp(`^\\d+: (${tagPrefix}\\d+h)@`).exec(l)?.[1]).filter((n): n is string => n !== undefined);
  for (const link of links) await run('ip', ['link', 'del', link]).catch(() => undefined);
}

/**
 * Makes the segments (first three octets each, e.g. '192.168.231'); names carry the test process's pid
 * so stale ones from a killed run never clash.
 */
export async function createLan(segments = ['192.168.231']): Promise<Lan> {
  const tagPrefix = `b${segments[0]!.split('.')[2]}`;
  await removeStale(tagPrefix);
  const tag = `${tagPrefix}${process.pid % 100000}`;
  const routed = segments.length > 1;
  const hostIP = routed ? `${segments[0]}.254` : LAN_HOST_IP;
  const lan = `${tag}-lan`;
  const uplink = `${tag}h`;
  const made: string[] = [];
  const cleanup = (): void => {
    for (const ns of [...made].reverse()) {
      try { execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' }); } catch { /* gone */ }
    }
    try { execFileSync('ip', ['link', 'del', uplink], { stdio: 'ignore' }); } catch { /* gone */ }
  };
  process.once('exit', cleanup);
  try {
    await ip(['netns', 'add', lan]);
    made.push(lan);
    for (const [i, prefix] of segments.entries()) {
      await ip(['-n', lan, 'link', 'add', `br${i}`, 'type', 'bridge']);
      await ip(['-n', lan, 'link', 'set', `br${i}`, 'up']);
      if (routed) await ip(['-n', lan, 'addr', 'add', `${prefix}.1/24`, 'dev', `br${i}`]);
    }
    if (routed) await run('ip', ['netns', 'exec', lan, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    await ip(['link', 'add', uplink, 'type', 'veth', 'peer', 'name', 'up0', 'netns', lan]);
    await ip(['-n', lan, 'link', 'set', 'up0', 'master', 'br0', 'up']);
    await ip(['addr', 'add', `${hostIP}/24`, 'dev', uplink]);
    await ip(['link', 'set', uplink, 'up']);
    // Gone with the uplink.
    for (const prefix of segments.slice(1)) await ip(['route', 'add', `${prefix}.0/24`, 'via', `${segments[0]}.1`, 'dev', uplink]);
  } catch (e) {
    cleanup();
    throw e;
  }
  let n = 0;
  return {
    hostIP,
    async addHost(address: string): Promise<NetnsHost> {
      const segment = segments.findIndex((p) => address.startsWith(`${p}.`));
      if (segment < 0) throw new Error(`${address} is on none of the segments ${segments.join(', ')}`);
      const name = `${tag}-h${++n}`;
      await ip(['netns', 'add', name]);
      made.push(name);
      const port = `p${n}`;
      await ip(['-n', name, 'link', 'set', 'lo', 'up']);
      await ip(['-n', name, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', port, 'netns', lan]);
      await ip(['-n', lan, 'link', 'set', port, 'master', `br${segment}`, 'up']);
      await ip(['-n', name, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
      await ip(['-n', name, 'link', 'set', 'eth0', 'up']);
      if (routed) await ip(['-n', name, 'route', 'add', 'default', 'via', `${segments[segment]}.1`]);
      const inside = (args: string[]) => ['netns', 'exec', name, 'sh', '-c', `${remountCgroups()} && exec "$@"`, 'sh', ...args];
      return {
        name,
        ip: address,
        exec: async (args) => run('ip', inside(args), { maxBuffer: 16 << 20 }),
        spawn: (args) => spawn('ip', inside(args), { stdio: ['ignore', 'ignore', 'pipe'] }),
      };
    },
    async dispose(): Promise<void> {
      process.removeListener('exit', cleanup);
      cleanup();
    },
  };
}

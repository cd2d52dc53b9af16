// `berth server`'s leader-election flags, named as kube-scheduler's and kube-controller-manager's. On a
// shared datastore (--datastore-endpoint) the scheduler and controllers are leader-elected; on the
// embedded SQLite file there is one server per store and nothing to elect.
import { checkTimings, DEFAULT_LEADER_ELECTION } from '../client/leader-election.js';
import { parseDuration } from './duration.js';
export const LEADER_ELECT_OPTIONS = {
    'leader-elect-lease-duration': { type: 'string' },
    'leader-elect-renew-deadline': { type: 'string' },
    'leader-elect-retry-period': { type: 'string' },
};
export const LEADER_ELECT_HELP = `  --leader-elect-lease-duration D, --leader-elect-renew-deadline D, --leader-elect-retry-period D
                        with --datastore-endpoint the scheduler and controllers run on one server at a
                        time, the holder of their Leases in kube-system: how long an unrenewed Lease
                        stays its holder's, how long the leader tries to renew before stepping down,
                        how often candidates try (default 15s, 10s, 2s)
`;
/** The timings to elect with, or undefined when this server is the store's only one. */
export function leaderElectionFrom(f) {
    const given = f['leader-elect-lease-duration'] ?? f['leader-elect-renew-deadline'] ?? f['leader-elect-retry-period'];
    if (f['datastore-endpoint'] === undefined) {
        if (given !== undefined)
            throw new Error('--leader-elect-* apply with --datastore-endpoint, where several servers share a store');
        return undefined;
    }
    const d = DEFAULT_LEADER_ELECTION;
    const t = {
        leaseDurationMs: f['leader-elect-lease-duration'] ? parseDuration(f['leader-elect-lease-duration']) : d.leaseDurationMs,
        renewDeadlineMs: f['leader-elect-renew-deadline'] ? parseDuration(f['leader-elect-renew-deadline']) : d.renewDeadlineMs,
        retryPeriodMs: f['leader-elect-retry-period'] ? parseDuration(f['leader-elect-retry-period']) : d.retryPeriodMs,
    };
    checkTimings(t);
    return t;
}
//# sourceMappingURL=leader-elect-flags.js.map
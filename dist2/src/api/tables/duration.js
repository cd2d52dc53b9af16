// Ages as kubectl prints them (apimachinery's duration.HumanDuration): precise when young, coarse when old.
export function humanDuration(ms) {
    const seconds = Math.trunc(ms / 1000);
    if (seconds < -1)
        return '<invalid>';
    if (seconds < 0)
        return '0s';
    if (seconds < 60 * 2)
        return `${seconds}s`;
    const minutes = Math.trunc(seconds / 60);
    if (minutes < 10)
        return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
    if (minutes < 60 * 3)
        return `${minutes}m`;
    const hours = Math.trunc(minutes / 60);
    if (hours < 8)
        return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
    if (hours < 48)
        return `${hours}h`;
    if (hours < 24 * 8)
        return hours % 24 === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`;
    if (hours < 24 * 365 * 2)
        return `${Math.trunc(hours / 24)}d`;
    if (hours < 24 * 365 * 8) {
        const days = Math.trunc(hours / 24) % 365;
        return days === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${days}d`;
    }
    return `${Math.trunc(hours / 24 / 365)}y`;
}
/** Time since an RFC 3339 timestamp, or `<unknown>` when there is none. */
export function since(timestamp, now) {
    if (!timestamp)
        return '<unknown>';
    const t = Date.parse(timestamp);
    return Number.isNaN(t) ? '<unknown>' : humanDuration(now.getTime() - t);
}
//# sourceMappingURL=duration.js.map
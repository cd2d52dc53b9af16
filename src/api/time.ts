// Kubernetes' two wire forms of a moment: Time (RFC 3339, whole seconds on the wire upstream) and
// MicroTime (six fractional digits), which Events and Leases use to order what happened within a second.

/** The last second rfc3339 formatted, and its text: a busy API server stamps thousands of writes a second. */
let lastSecond = NaN;
let lastText = '';

/** A Time string (RFC 3339 in whole seconds, as metav1.Time is written) for `at`, by default now. */
export function rfc3339(at: Date | number = Date.now()): string {
  const second = Math.floor(+at / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    lastSecond = second;
  }
  return lastText;
}

/** A MicroTime string for `d`, or for a wall-clock time in fractional milliseconds. */
export function microTime(d: Date | number): string {
  const ms = typeof d === 'number' ? d : d.getTime();
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  return new Date(whole).toISOString().replace(/\.(\d{3})Z$/, `.$1${String(micros).padStart(3, '0')}Z`);
}

/** The wall clock with sub-millisecond resolution (performance.now is monotonic and finer than Date.now). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Milliseconds since the epoch, keeping a MicroTime's microseconds as a fraction; undefined if unparseable. */
export function parseTime(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const frac = /\.(\d+)Z$/.exec(s)?.[1] ?? '';
  return frac.length > 3 ? t + Number(`0.${frac.slice(3)}`) : t;
}

/** Go's time.Duration.String() to the millisecond: 0s, 250ms, 1.5s, 1m20s, 2h0m5.25s. */
export function goDurationString(ms: number): string {
  const whole = Math.round(ms);
  if (whole === 0) return '0s';
  if (whole < 1000) return `${whole}ms`;
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const frac = whole % 1000;
  const s = `${Math.floor((whole % 60_000) / 1000)}${frac ? `.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  return h ? `${h}h${m}m${s}` : m ? `${m}m${s}` : s;
}

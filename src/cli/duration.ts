/** Parses a Go-style duration flag ("40s", "2m", "1m30s", "500ms") into milliseconds. */
export function parseDuration(s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * unit[m[2]];
    end = re.lastIndex;
  }
  if (end !== s.length || s === '') throw new Error(`invalid duration "${s}"`);
  return total;
}

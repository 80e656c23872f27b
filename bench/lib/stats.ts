export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? Number.NaN) };
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * `rounds` samples of each of two runs, alternating which goes first so neither side always runs on a
 * warmer cache; their medians and p95s, and the ratios of the first to the second.
 */
export async function alternating(rounds: number, fullRun: (i: number) => Promise<void>, baseRun: (i: number) => Promise<void>) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const t = process.hrtime.bigint();
      await (which === 0 ? fullRun(i) : baseRun(i));
      (which === 0 ? a : b).push(ms(t));
    }
  }
  const fa = summary(a);
  const fb = summary(b);
  return {
    handlerP50: fa.p50,
    directP50: fb.p50,
    ratioP50: +(fa.p50 / fb.p50).toFixed(2),
    handlerP95: fa.p95,
    directP95: fb.p95,
    ratioP95: +(fa.p95 / fb.p95).toFixed(2),
  };
}

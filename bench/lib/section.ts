/** What each `bench/*.bench.ts` module's default export returns. */
export interface BenchSection {
  /** heading in bench/README.md */
  title: string;
  /** which issue's targets this measures */
  issue?: number;
  /** markdown body: tables of numbers and ratios against the named peer, and the target with pass/fail */
  markdown: string;
  /** machine-readable numbers, kept in bench/results/latest.json */
  data: Record<string, unknown>;
  /** every target and whether it was met */
  targets: { name: string; met: boolean; detail: string }[];
}

export type BenchModule = { default: () => Promise<BenchSection | BenchSection[]> };

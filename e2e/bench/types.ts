export interface BenchRow {
  metric: string;
  value: string;
  /** Target from the issue, when one is named. */
  target?: string;
  note?: string;
}

export interface Bench {
  id: string;
  title: string;
  run(): Promise<BenchRow[]>;
}

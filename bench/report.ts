/** The benchmark's account: the machine it ran on, a table of results, and files to keep. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('results/', import.meta.url));

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** One-minute load average when the benchmark started and when it ended. */
  loadAverage: { start: number; end: number };
}

/** The machine, with `loadAtStart` from os.loadavg() taken before the first measurement. */
export function describeMachine(loadAtStart: number): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  };
}

/**
 * Other work on the machine (a test run, a build) takes cores from the servers and from
 * autocannon alike. The load average at the start is the one taken before the benchmark's own
 * processes add to it; above half the cores, something else was busy.
 */
export function busyMachineWarning(machine: Machine): string | null {
  const { start } = machine.loadAverage;
  return start > machine.cores / 2
    ? `Warning: the load average was ${start.toFixed(1)} on ${machine.cores} cores before the benchmark began: other processes were running, so these figures are lower and noisier than the machine can do. Server CPU per request is the least affected measure.`
    : null;
}

/** Why a part did not run (a program it needs is not installed): reported, not a failure. */
export class Skipped extends Error {}

/** One line of the table; a row without `ours` heads a section. */
export interface Row {
  measure: string;
  ours?: string;
  reference?: string;
  /** Whether the goal in `reference` is met: "yes", "no", or a word more. */
  met?: string;
}

export interface Report {
  date: string;
  machine: Machine;
  /** Seconds the whole benchmark took. */
  seconds: number;
  rows: Row[];
  /** Conditions a reader of the numbers needs to know. */
  notes: string[];
  /** Every figure measured, for tools and for comparing runs. */
  results: Record<string, unknown>;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * A Markdown table with its columns padded to one width, as Biome formats Markdown: the
 * results stay readable as plain text, and `biome check .` finds nothing to change in them.
 */
function markdownTable(header: string[], body: string[][]): string[] {
  const cells = [header, ...body].map((row) => row.map(escapeCell));
  const widths = header.map((_, column) =>
    Math.max(3, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    `| ${widths.map((width, column) => (row[column] ?? '').padEnd(width)).join(' | ')} |`;
  const [head = [], ...rest] = cells;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...rest.map(line)];
}

export function toMarkdown(report: Report): string {
  const { machine } = report;
  const warning = busyMachineWarning(machine);
  const table = markdownTable(
    ['measure', 'ours', 'reference / goal', 'met'],
    report.rows.map((row) =>
      row.ours === undefined
        ? [`**${row.measure}**`]
        : [row.measure, row.ours, row.reference ?? '', row.met ?? ''],
    ),
  );
  return [
    `# Leave a Reply benchmark, ${report.date}`,
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; load average ${machine.loadAverage.start.toFixed(1)} before the benchmark, ${machine.loadAverage.end.toFixed(1)} at its end (its own load included); ${Math.round(report.seconds)} s in all.`,
    '',
    ...(warning ? [`**${warning}**`, ''] : []),
    ...table,
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

/** Writes latest.json and latest.md, and a copy of each named by the date, into bench/results. */
export function saveReport(report: Report): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const markdown = toMarkdown(report);
  const files: string[] = [];
  for (const name of ['latest', stamp]) {
    writeFileSync(`${RESULTS_DIR}${name}.json`, json);
    writeFileSync(`${RESULTS_DIR}${name}.md`, markdown);
    files.push(`bench/results/${name}.json`, `bench/results/${name}.md`);
  }
  return files;
}

// Number formats for the table: grouped thousands, ms with one decimal, sizes in MB.
const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export const format = {
  count: (value: number) => grouped.format(value),
  ms: (value: number) => `${value.toFixed(1)} ms`,
  ratio: (value: number) => `${value.toFixed(2)}×`,
  megabytes: (bytes: number) => `${Math.round(bytes / 1e6)} MB`,
  seconds: (value: number) => `${value.toFixed(1)} s`,
};

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@whdb/testing';
import { ChaosResult } from './chaos-scenario';

/** Where the suite leaves its table; `npm run chaos:table` turns it into docs/chaos-results.md. */
export const CHAOS_RESULTS_DIR = path.join(REPO_ROOT, 'dist', 'chaos');

const HEADER = ['failure', 'webhooks sent', 'acknowledged', 'stored', 'lost', 'duplicates', 'SMS acknowledged', 'SMS sent', 'SMS sent twice', 'time to recover', 'notes'];

function cells(row: ChaosResult): string[] {
  return [
    row.failure,
    String(row.webhooksSent),
    String(row.acknowledged),
    String(row.stored),
    String(row.lost),
    String(row.duplicates),
    String(row.smsAcknowledged),
    String(row.smsSent),
    String(row.smsTwice),
    `${row.recoverySeconds.toFixed(1)} s (rows ${row.rowsRecoverySeconds.toFixed(1)} s, SMS ${row.smsRecoverySeconds.toFixed(1)} s)`,
    row.note,
  ];
}

/** The chaos suite's table (docs/operations.md#chaos-suite), printed as each failure is done and written at the end. */
export class ChaosReport {
  readonly rows: ChaosResult[] = [];

  add(row: ChaosResult): void {
    this.rows.push(row);
    console.log(`[chaos] ${HEADER.map((name, i) => `${name}: ${cells(row)[i]}`).join(', ')}`);
  }

  markdown(): string {
    const line = (values: readonly string[]) => `| ${values.join(' | ')} |`;
    return [line(HEADER), line(HEADER.map(() => '---')), ...this.rows.map((row) => line(cells(row)))].join('\n');
  }

  /** Writes dist/chaos/chaos-results.json and .md, prints the table; returns the markdown. */
  write(): string {
    mkdirSync(CHAOS_RESULTS_DIR, { recursive: true });
    const finishedAt = new Date().toISOString();
    writeFileSync(path.join(CHAOS_RESULTS_DIR, 'chaos-results.json'), `${JSON.stringify({ finishedAt, rows: this.rows }, null, 2)}\n`);
    const table = this.markdown();
    writeFileSync(path.join(CHAOS_RESULTS_DIR, 'chaos-results.md'), `${table}\n`);
    console.log(`[chaos] results (${finishedAt}):\n${table}`);
    return table;
  }
}

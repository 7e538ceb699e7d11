// The Prometheus metrics our services register, read from the source (apps/*, libs/*): every call
// `<metrics>.counter|gauge|histogram({ name: '...' })` of libs/platform's `Metrics` (which adds the
// `whdb_` prefix when missing), the consumer host's `${prefix}_events_total` family for every
// `metricPrefix: '...'`, histogram series (`_bucket`, `_count`, `_sum`) and prom-client's default
// process metrics. A call whose name is not a literal it can read is reported, so nothing is
// silently missed.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './render.mjs';

const PREFIX = 'whdb_';
const CALL = /\.(counter|gauge|histogram)\s*(?:<[^>(]*>)?\s*\(\s*\{\s*name:\s*(['"`])([^'"`]*)\2/g;
const ANY_CALL = /\.(counter|gauge|histogram)\s*(?:<[^>(]*>)?\s*\(\s*\{/g;
const METRIC_PREFIX = /metricPrefix:\s*['"]([a-z_:][a-z0-9_:]*)['"]/g;
/** prom-client's collectDefaultMetrics (with our prefix) that dashboards may use. */
const DEFAULT_METRICS = ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes'];

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(full));
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|test)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

const prefixed = (name) => (name.startsWith(PREFIX) ? name : `${PREFIX}${name}`);

/** { metrics: Map<series name, "file:line">, unreadable: ["file:line", ...] } */
export function registeredMetrics(root = ROOT) {
  const metrics = new Map();
  const unreadable = [];
  const prefixes = [];
  const templates = [];
  const files = ['apps', 'libs'].flatMap((dir) => sourceFiles(path.join(root, dir)));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const where = (index) => `${path.relative(root, file)}:${text.slice(0, index).split('\n').length}`;
    for (const m of text.matchAll(METRIC_PREFIX)) prefixes.push(m[1]);
    const literal = new Set();
    for (const m of text.matchAll(CALL)) {
      literal.add(m.index);
      const [, type, quote, name] = m;
      if (quote === '`' && name.startsWith('${prefix}')) {
        templates.push({ type, suffix: name.slice('${prefix}'.length), where: where(m.index) });
        continue;
      }
      if (quote === '`' && name.includes('${')) {
        unreadable.push(where(m.index));
        continue;
      }
      add(metrics, type, prefixed(name), where(m.index));
    }
    for (const m of text.matchAll(ANY_CALL)) {
      if (!literal.has(m.index) && /metrics|Metrics/.test(text.slice(Math.max(0, m.index - 40), m.index))) unreadable.push(where(m.index));
    }
  }
  for (const prefix of prefixes) for (const t of templates) add(metrics, t.type, prefixed(`${prefix}${t.suffix}`), t.where);
  for (const name of DEFAULT_METRICS) metrics.set(prefixed(name), 'prom-client collectDefaultMetrics');
  return { metrics, unreadable, prefixes };
}

function add(metrics, type, name, where) {
  metrics.set(name, where);
  if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) metrics.set(`${name}${suffix}`, where);
}

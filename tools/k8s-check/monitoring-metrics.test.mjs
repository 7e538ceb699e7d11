// Every metric the dashboard and the alert rules use exists: registered by a service in apps/* or
// libs/* (read from the source, code-metrics.mjs), exported by kafka_exporter (shipped in
// k8s/monitoring), And every alert links a
// runbook that exists in docs/runbooks/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { registeredMetrics } from './code-metrics.mjs';
import { dashboardExpressions, metricNames, ruleExpressions } from './promql-metrics.mjs';
import { ROOT, render } from './render.mjs';

/** Exported by kafka_exporter (k8s/monitoring/kafka-exporter), not by our code: consumer lag and topic depth. */
const EXTERNAL_KAFKA_EXPORTER = ['kafka_consumergroup_lag', 'kafka_topic_partition_current_offset', 'kafka_topic_partition_oldest_offset'];
const monitoring = render('k8s/monitoring');
const rule = monitoring.find((o) => o.kind === 'PrometheusRule');
const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT, 'k8s/monitoring/dashboards/webhookdb-kafka.json'), 'utf8'));
const { metrics: registered, unreadable } = registeredMetrics();
const expressions = [...dashboardExpressions(dashboard).map((e) => ({ ...e, where: `dashboard panel "${e.where}"` })), ...ruleExpressions(rule).map((e) => ({ ...e, where: `alert ${e.where}` }))];

test('the source scan reads every metric registration', () => {
  assert.deepEqual(unreadable, [], 'metric registrations whose name the scan cannot read (use a string literal)');
  assert.ok(registered.has('whdb_http_request_duration_seconds_bucket'), 'the scan finds the shared HTTP histogram');
  assert.ok(registered.has('whdb_projector_events_total'), 'the scan expands the consumer host metrics per metricPrefix');
});

test('every metric of the dashboard and the alert rules exists', () => {
  assert.ok(expressions.length >= 20, `found ${expressions.length} expressions`);
  const missing = [];
  for (const { where, expr } of expressions) {
    for (const name of metricNames(expr)) {
      if (!registered.has(name) && !EXTERNAL_KAFKA_EXPORTER.includes(name)) missing.push(`${name} (${where})`);
    }
  }
  assert.deepEqual(missing, [], 'metrics no service registers');
});


test('the external metrics come from a kafka_exporter the monitoring ships', () => {
  const exporter = monitoring.find((o) => o.kind === 'Deployment' && o.metadata.name === 'kafka-exporter');
  assert.ok(exporter, 'k8s/monitoring has the kafka-exporter Deployment');
  assert.match(exporter.spec.template.spec.containers[0].image, /kafka-exporter/);
  const monitor = monitoring.find((o) => o.kind === 'PodMonitor');
  assert.ok(monitor.spec.podMetricsEndpoints.some((e) => e.port === exporter.spec.template.spec.containers[0].ports[0].name), 'the PodMonitor scrapes its port');
});

test('the dashboard shows what issue 10 asks for', () => {
  const used = (name) => dashboardExpressions(dashboard).some(({ expr }) => metricNames(expr).includes(name));
  for (const name of ['whdb_http_request_duration_seconds_count', 'whdb_http_request_duration_seconds_bucket', 'kafka_consumergroup_lag', 'whdb_outbox_messages_waiting', 'kafka_topic_partition_current_offset', 'whdb_backfiller_pages_total', 'whdb_outbound_sender_sends_total']) {
    assert.ok(used(name), `a panel uses ${name}`);
  }
});

test('every alert has a severity, a summary and a runbook that exists', () => {
  const alerts = ruleExpressions(rule).map((e) => e.rule);
  assert.ok(alerts.length >= 5);
  for (const alert of alerts) {
    assert.match(alert.labels?.severity ?? '', /^(warning|critical)$/, `${alert.alert} severity`);
    assert.ok(alert.annotations?.summary, `${alert.alert} summary`);
    const match = /\/(docs\/runbooks\/[a-z0-9-]+\.md)$/.exec(alert.annotations?.runbook_url ?? '');
    assert.ok(match, `${alert.alert} runbook_url points at docs/runbooks/*.md`);
    assert.ok(fs.existsSync(path.join(ROOT, match[1])), `${alert.alert}: ${match[1]} exists`);
  }
  const names = alerts.map((a) => a.alert);
  for (const wanted of ['WhdbConsumerLagGrowing', 'WhdbDeadLetterQueueNotEmpty', 'WhdbHttp5xxRate', 'WhdbSendFailures', 'WhdbBackfillStuck']) assert.ok(names.includes(wanted), wanted);
});

test('the dashboard is well-formed: unique panel ids, panels inside the 24-column grid, no overlaps, the datasource variable', () => {
  assert.equal(dashboard.uid, 'webhookdb-kafka');
  assert.ok(dashboard.templating.list.some((v) => v.type === 'datasource' && v.name === 'datasource'));
  const panels = dashboard.panels;
  assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, 'unique ids');
  const cells = new Set();
  for (const { title, gridPos: { x, y, w, h } } of panels) {
    assert.ok(x >= 0 && w > 0 && x + w <= 24, `${title} fits the grid`);
    for (let row = y; row < y + h; row += 1) {
      for (let column = x; column < x + w; column += 1) {
        assert.ok(!cells.has(`${row}:${column}`), `${title} does not overlap another panel`);
        cells.add(`${row}:${column}`);
      }
    }
  }
  for (const panel of panels.filter((p) => p.type !== 'row')) {
    assert.equal(panel.datasource.uid, '${datasource}', `${panel.title} uses the datasource variable`);
    assert.ok(panel.targets.length > 0, `${panel.title} has queries`);
  }
});

// The PromQL metric-name lexer (promql-metrics.mjs) on the shapes our dashboard and rules use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricNames } from './promql-metrics.mjs';

test('finds the selected metrics, not functions, label names, matchers or durations', () => {
  assert.deepEqual(
    metricNames('sum by (status) (rate(whdb_http_request_duration_seconds_count{service="ingress",route=~"/v1/.*"}[$__rate_interval]))'),
    ['whdb_http_request_duration_seconds_count'],
  );
  assert.deepEqual(
    metricNames('histogram_quantile(0.99, sum by (le) (rate(whdb_http_request_duration_seconds_bucket{service="ingress"}[5m])))'),
    ['whdb_http_request_duration_seconds_bucket'],
  );
});

test('finds both sides of binary operators and set operations, and subquery selectors', () => {
  assert.deepEqual(
    metricNames(
      'sum by (consumergroup) (kafka_consumergroup_lag{consumergroup=~"whdb\\\\..+"}) > 1000 and deriv(sum by (consumergroup) (kafka_consumergroup_lag)[15m:1m]) > 0',
    ),
    ['kafka_consumergroup_lag'],
  );
  assert.deepEqual(
    metricNames('sum by (topic) (kafka_topic_partition_current_offset{topic=~"x"} - kafka_topic_partition_oldest_offset{topic=~"x"}) > 0'),
    ['kafka_topic_partition_current_offset', 'kafka_topic_partition_oldest_offset'],
  );
  assert.deepEqual(metricNames('a_total / ignoring(code) group_left b_total or on(x) c unless bool d'), ['a_total', 'b_total', 'c', 'd']);
});

test('ignores strings that look like metric names and numbers with units', () => {
  assert.deepEqual(metricNames('sum(increase(x_total{outcome=~"refused|business_error"}[15m])) * 60 > 1e3'), ['x_total']);
  assert.deepEqual(metricNames('label_replace(up, "dst", "whdb_fake_total", "src", "(.*)")'), ['up']);
});

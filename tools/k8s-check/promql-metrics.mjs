// Metric names used by PromQL expressions (dashboards, alert rules). A small lexer, not a full
// PromQL parser: it drops string literals, label matchers `{...}`, range/subquery brackets
// `[...]`, grouping clauses `by (...)` etc. and Grafana variables, then keeps every identifier that
// is not a function, keyword or number. The tests in promql-metrics.test.mjs pin its behaviour.

const FUNCTIONS = new Set([
  'abs', 'absent', 'absent_over_time', 'avg_over_time', 'ceil', 'changes', 'clamp', 'clamp_max', 'clamp_min',
  'count_over_time', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'delta', 'deriv', 'exp',
  'floor', 'histogram_avg', 'histogram_count', 'histogram_fraction', 'histogram_quantile', 'histogram_stddev',
  'histogram_stdvar', 'histogram_sum', 'holt_winters', 'hour', 'idelta', 'increase', 'irate', 'label_join',
  'label_replace', 'last_over_time', 'ln', 'log10', 'log2', 'max_over_time', 'min_over_time', 'minute', 'month',
  'predict_linear', 'present_over_time', 'quantile_over_time', 'rate', 'resets', 'round', 'scalar', 'sgn', 'sort',
  'sort_desc', 'sqrt', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time', 'time', 'timestamp', 'vector', 'year',
]);
const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);

/** The metric names an expression selects, e.g. `rate(a_total{x="y"}[5m]) / b` -> ['a_total', 'b']. */
export function metricNames(expression) {
  let text = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""') // string literals
    .replace(/\$\{?\w+\}?/g, ' ') // Grafana variables ($__rate_interval, ${datasource})
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' '); // label lists
  text = text.replace(/\b\d+(\.\d+)?([eE][+-]?\d+)?\b|\b\d+[smhdwy]\b/g, ' ');
  const names = new Set();
  for (const match of text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = match[0];
    const lower = word.toLowerCase();
    if (FUNCTIONS.has(word) || AGGREGATIONS.has(lower) || KEYWORDS.has(lower)) continue;
    names.add(word);
  }
  return [...names].sort();
}

/** Every PromQL expression of a Grafana dashboard (its panels' and nested rows' targets). */
export function dashboardExpressions(dashboard) {
  const expressions = [];
  const visit = (panels) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) if (typeof target.expr === 'string') expressions.push({ where: panel.title, expr: target.expr });
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  return expressions;
}

/** Every alert or recording rule expression of a PrometheusRule. */
export function ruleExpressions(prometheusRule) {
  return (prometheusRule.spec?.groups ?? []).flatMap((group) =>
    (group.rules ?? []).map((rule) => ({ where: rule.alert ?? rule.record, expr: String(rule.expr), rule })),
  );
}

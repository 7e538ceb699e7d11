// Kubernetes label selectors (matchLabels + matchExpressions), for checks over rendered objects.
export function selects(selector, labels = {}) {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    if (operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Workloads with their pod template: Deployments and Jobs. */
export function workloads(objects) {
  return objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
}

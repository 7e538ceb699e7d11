// Every name of a generated replicator, derived from its service name (docs/adding-a-replicator.md,
// "Names"). `acme_widget_v1` gives the folder `acme-widget-v1`, the export `acmeWidgetV1Replicator`,
// the remote key column `acme_id`, the signature header `x-acme-signature`, ...

/** `<provider>_<resource words>_v<N>`: what WebhookDB names its replicators (`increase_account_v1`). */
const SERVICE_NAME = /^([a-z][a-z0-9]*)((?:_[a-z][a-z0-9]*)+)_v([1-9][0-9]*)$/;
/** Room for the table suffix (`_<4 hex>`, 63-character identifiers) and k8s label values. */
const MAX_SERVICE_NAME_LENGTH = 40;

/** A bad command-line value; the CLI prints the message and exits 1 without touching a file. */
export class GeneratorInputError extends Error {}

const titleCase = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** Throws `GeneratorInputError` explaining the rule unless `serviceName` is a valid new service name. */
export function parseServiceName(serviceName) {
  if (typeof serviceName !== 'string' || serviceName === '') {
    throw new GeneratorInputError('Give the service name of the new replicator, e.g. `npm run new-replicator -- acme_widget_v1`.');
  }
  const match = SERVICE_NAME.exec(serviceName);
  if (!match) {
    throw new GeneratorInputError(
      `Invalid service name ${JSON.stringify(serviceName)}: use snake_case <provider>_<resource>_v<N>, ` +
        'lower-case letters and digits, each word starting with a letter (e.g. acme_widget_v1, increase_ach_transfer_v1).',
    );
  }
  if (serviceName.length > MAX_SERVICE_NAME_LENGTH) {
    throw new GeneratorInputError(`Invalid service name ${JSON.stringify(serviceName)}: at most ${MAX_SERVICE_NAME_LENGTH} characters.`);
  }
  const [, provider, resourcePart, version] = match;
  return { provider, resourceWords: resourcePart.slice(1).split('_'), version: Number(version) };
}

/**
 * The names the template's tokens stand for. `options.provider` / `options.resource` /
 * `options.plural` override the human-readable names shown in setup prompts.
 */
export function deriveNames(serviceName, options = {}) {
  const { provider, resourceWords } = parseServiceName(serviceName);
  const words = serviceName.split('_');
  const pascal = words.map(titleCase).join('');
  const resource = options.resource ?? resourceWords.map(titleCase).join(' ');
  const names = {
    service_name: serviceName,
    kebab_name: words.join('-'),
    PascalName: pascal,
    camelName: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    CONSTANT_NAME: serviceName.toUpperCase(),
    provider,
    Provider: options.provider ?? titleCase(provider),
    resource: resourceWords.join('_'),
    Resource: resource,
    Resources: options.plural ?? `${resource}s`,
    resources_path: `${resourceWords.join('_')}s`,
  };
  // These three land in TypeScript strings, template literals and comments: plain text only.
  for (const [option, value] of [['provider', names.Provider], ['resource', names.Resource], ['plural', names.Resources]]) {
    if (value.trim() === '' || /[`'"\\\n\r$<>]|\*\//.test(value)) {
      throw new GeneratorInputError(`--${option} must be plain text without quotes, backslashes, $, <, >, */ or line breaks: ${JSON.stringify(value)}`);
    }
  }
  return names;
}

import { REPLICATORS } from '@whdb/replicators';
import { renderIntegrationPage } from './render-integration-page';

/** Where the pages live, from the repository root. */
export const INTEGRATION_DOCS_DIR = 'docs/integrations';

/** Every replicator's page: `{path, content}` with `path` relative to the repository root. */
export async function integrationPages(): Promise<{ path: string; content: string }[]> {
  return Promise.all(REPLICATORS.map(async (replicator) => ({ path: `${INTEGRATION_DOCS_DIR}/${replicator.descriptor.name}.md`, content: await renderIntegrationPage(replicator) })));
}

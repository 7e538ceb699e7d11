import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { replicatorNames } from '@whdb/replicators';
import { INTEGRATION_DOCS_DIR, integrationPages } from './integration-pages';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = 'run `npm run docs:integrations` and commit the result';

/** docs/integrations/*.md cannot go stale (docs/integrations/README.md): each page equals what the code generates now. */
describe('generated integration pages', () => {
  it.each(replicatorNames())('docs/integrations/%s.md is up to date', async (name) => {
    const page = (await integrationPages()).find((p) => p.path === `${INTEGRATION_DOCS_DIR}/${name}.md`)!;
    let committed: string;
    try {
      committed = readFileSync(path.join(ROOT, page.path), 'utf8');
    } catch {
      throw new Error(`${page.path} is missing: ${FIX}`);
    }
    if (committed !== page.content) throw new Error(`${page.path} is out of date: ${FIX}`);
    expect(committed).toBe(page.content);
  });

  it('has no page for a replicator that does not exist', () => {
    const pages = readdirSync(path.join(ROOT, INTEGRATION_DOCS_DIR)).filter((file) => file.endsWith('.md') && file !== 'README.md');
    expect(pages.map((file) => file.replace(/\.md$/, '')).sort()).toEqual(replicatorNames());
  });

  it('lists every page in the folder index', () => {
    const index = readFileSync(path.join(ROOT, INTEGRATION_DOCS_DIR, 'README.md'), 'utf8');
    expect(replicatorNames().filter((name) => !index.includes(`[${name}.md](${name}.md)`))).toEqual([]);
  });

  it('shows the setup prompts, the webhook URL, every column and the DDL', async () => {
    const [page] = await integrationPages();
    expect(page!.content).toContain('| 1 | Paste or type your secret here: | `webhook_secret` | yes |');
    expect(page!.content).toContain('| 2 | Paste or type your API url here: | `api_url` | no |');
    expect(page!.content).toContain('<WHDB_PUBLIC_URL>/v1/service_integrations/<opaque_id>');
    expect(page!.content).toContain('| `increase_id` | `text` | `id`, required | unique | remote key |');
    expect(page!.content).toContain('CREATE TABLE IF NOT EXISTS "whdb_org_org_key"."increase_account_v1_abcd"');
  });
});

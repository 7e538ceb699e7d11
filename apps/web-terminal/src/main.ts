import { ApiProblem } from './api-problem';
import { ApiSession, SetupApi } from './api-session';
import { followBackfill } from './backfill-follower';
import { PageElements, pageElements } from './page-elements';
import { failureReason, setUpService } from './setup-conversation';
import { takeGrantFromUrl } from './setup-link-grant';
import { TerminalView } from './terminal-view';

/**
 * The web setup terminal (docs/setup-terminal.md): signs in with the organization's token or a setup
 * link, then runs the setup conversation of the page's service. `data-state` on #setup says where
 * it is (`signed-out`, `running`, `completed`, `failed`, `cancelled`).
 */
function start(): void {
  const root = document.getElementById('setup');
  // An unknown service: the page already says so, there is nothing to run.
  if (!root || root.dataset['known'] !== 'true') return;
  const page = pageElements();
  const view = new TerminalView(page.log, page.promptForm, page.promptLabel, page.promptInput);
  const grant = takeGrantFromUrl(window.location, window.history);
  page.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const org = page.orgInput.value.trim();
    const token = page.tokenInput.value.trim();
    page.tokenInput.value = '';
    if (!org || !token) return;
    void run(page, view, new ApiSession(token), org, `Signed in to ${org} with its token.`);
  });
  if (grant) void openSetupLink(page, view, grant);
  else setState(page, 'signed-out');
}

async function openSetupLink(page: PageElements, view: TerminalView, grant: string): Promise<void> {
  showTerminal(page);
  view.say('Opening the setup link…', 'notice');
  try {
    const { api, session } = await ApiSession.fromGrant(grant);
    await run(page, view, api, session.organization.key, `Signed in to ${session.organization.name} with a setup link (valid until ${new Date(session.expires_at).toLocaleTimeString()}).`);
  } catch (error) {
    view.say(`error: ${messageOf(error)}`, 'error');
    view.say('Sign in with your organization token instead, or ask for a new link.', 'notice');
    page.signIn.hidden = false;
    setState(page, 'signed-out');
  }
}

async function run(page: PageElements, view: TerminalView, api: SetupApi, org: string, greeting: string): Promise<void> {
  showTerminal(page);
  setState(page, 'running');
  view.say(greeting, 'notice');
  const serviceName = page.root.dataset['service'] ?? '';
  try {
    const outcome = await setUpService(api, view, { org, serviceName, dependencyName: page.root.dataset['dependency'] || undefined });
    if (outcome.kind === 'completed') {
      const sint = outcome.step.service_integration;
      view.say(sint ? `Setup complete: integration ${sint.opaque_id}, table ${sint.table_name}.` : 'Setup complete.', 'success');
      setState(page, 'completed');
      await followBackfill(api, view, org, outcome.step);
    } else if (outcome.kind === 'failed') {
      view.say(`Setup did not complete (${outcome.step.error_code}): ${failureReason(outcome.step)}`, 'error');
      setState(page, 'failed');
    } else {
      setState(page, 'cancelled');
    }
  } catch (error) {
    view.say(`error: ${messageOf(error)}`, 'error');
    if (error instanceof ApiProblem && error.status === 401) {
      view.say('Sign in again.', 'notice');
      page.signIn.hidden = false;
      setState(page, 'signed-out');
    } else {
      setState(page, 'failed');
    }
  }
}

function showTerminal(page: PageElements): void {
  page.signIn.hidden = true;
  page.terminal.hidden = false;
}

function setState(page: PageElements, state: string): void {
  page.root.dataset['state'] = state;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

import { SetupInstructions } from './setup-instructions';
import { SETUP_TERMINAL_ASSET_PATHS } from './setup-terminal-assets';

export interface SetupPageModel {
  readonly serviceName: string;
  /** False when no replicator of that name is registered: the page says so and asks nothing. */
  readonly known: boolean;
  readonly dependencyName?: string;
  readonly instructions: SetupInstructions;
  readonly knownServices: readonly string[];
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * The setup terminal's HTML (docs/setup-terminal.md#pages): the instructions, a sign-in form and the
 * terminal, driven by the external script (no inline script or style: the CSP forbids them).
 */
export function renderSetupPage(model: SetupPageModel): string {
  const e = escapeHtml;
  const steps = model.instructions.steps.map((step) => `        <li>${e(step)}</li>`).join('\n');
  const unknown = `
    <section id="unknown-service" class="notice error" role="alert">
      <h2>Unknown service</h2>
      <p>The service <code>${e(model.serviceName)}</code> is unknown on this server, so it cannot be set up here.</p>
      <p>Services this server knows: ${model.knownServices.map((name) => `<code>${e(name)}</code>`).join(', ')}.</p>
    </section>`;
  const terminal = `
    <section id="sign-in" class="panel">
      <h2>Sign in</h2>
      <p>Paste your organization's token (it stays in this page's memory only), or open a setup link printed by <code>whdb setup-link ${e(model.serviceName)}</code>.</p>
      <form id="sign-in-form" autocomplete="off">
        <label for="org-input">Organization key</label>
        <input id="org-input" name="org" type="text" spellcheck="false" autocapitalize="off" required>
        <label for="token-input">Organization token</label>
        <input id="token-input" name="token" type="password" spellcheck="false" autocomplete="off" required>
        <button id="sign-in-button" type="submit">Sign in</button>
      </form>
    </section>
    <section id="terminal" class="terminal" hidden>
      <div id="log" class="log" role="log" aria-live="polite"></div>
      <form id="prompt-form" class="prompt" autocomplete="off" hidden>
        <label id="prompt-label" for="prompt-input"></label>
        <input id="prompt-input" name="answer" type="text" spellcheck="false" autocapitalize="off" autocomplete="off">
        <button id="prompt-submit" type="submit">Enter</button>
      </form>
    </section>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${e(model.instructions.title)} · webhookdb setup</title>
  <link rel="stylesheet" href="${SETUP_TERMINAL_ASSET_PATHS.style}">
  <script src="${SETUP_TERMINAL_ASSET_PATHS.script}" defer></script>
</head>
<body>
  <main id="setup" data-service="${e(model.serviceName)}" data-known="${model.known}" data-dependency="${e(model.dependencyName ?? '')}">
    <header>
      <p class="brand">webhookdb · setup terminal</p>
      <h1>${e(model.instructions.title)}</h1>
      <p>${e(model.instructions.intro)}</p>
    </header>
    <section id="instructions" class="panel">
      <ol>
${steps}
      </ol>
    </section>${model.known ? terminal : unknown}
  </main>
</body>
</html>
`;
}

import { Page } from 'playwright-core';

export interface KeptState {
  readonly url: string;
  readonly historyLength: number;
  readonly local: string;
  readonly session: string;
  readonly cookies: string;
  readonly html: string;
}

/**
 * The web setup terminal as a user sees it (docs/setup-terminal.md): what the tests read and type,
 * through the page's visible elements only.
 */
export class WebTerminalPage {
  constructor(readonly page: Page) {}

  async signInWithToken(org: string, token: string): Promise<void> {
    await this.page.fill('#org-input', org);
    await this.page.fill('#token-input', token);
    await this.page.click('#sign-in-button');
  }

  /** Waits until the terminal asks for `field`; returns the prompt and whether the input hides what is typed. */
  async waitForQuestion(field: string): Promise<{ prompt: string; hidden: boolean }> {
    const form = this.page.locator(`#prompt-form[data-field="${field}"]`);
    await form.waitFor({ state: 'visible' });
    return { prompt: (await this.page.textContent('#prompt-label')) ?? '', hidden: (await this.page.getAttribute('#prompt-input', 'type')) === 'password' };
  }

  async answer(field: string, text: string): Promise<void> {
    await this.waitForQuestion(field);
    // Typed key by key, as a person would.
    await this.page.locator('#prompt-input').pressSequentially(text);
    await this.page.press('#prompt-input', 'Enter');
    await this.page.locator(`#prompt-form[data-field="${field}"]`).waitFor({ state: 'hidden' });
  }

  async waitForState(state: string): Promise<void> {
    await this.page.locator(`#setup[data-state="${state}"]`).waitFor({ state: 'attached' });
  }

  async waitForText(text: string): Promise<void> {
    await this.page.locator('#log').getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
  }

  /** Every line of the terminal, as shown. */
  async lines(): Promise<string[]> {
    return this.page.locator('#log .line').allInnerTexts();
  }

  /** What the browser keeps of this page (read in the page: this file is compiled without the DOM types). */
  kept(): Promise<KeptState> {
    return this.page.evaluate<KeptState>(`({
      url: window.location.href,
      historyLength: window.history.length,
      local: JSON.stringify({ ...window.localStorage }),
      session: JSON.stringify({ ...window.sessionStorage }),
      cookies: document.cookie,
      html: document.documentElement.outerHTML,
    })`);
  }

  async text(): Promise<string> {
    return (await this.lines()).join('\n');
  }
}

/** The elements of the page the script drives (rendered by the api: apps/api/src/setup-terminal/setup-terminal-page.ts). */
export interface PageElements {
  readonly root: HTMLElement;
  readonly signIn: HTMLElement;
  readonly signInForm: HTMLFormElement;
  readonly orgInput: HTMLInputElement;
  readonly tokenInput: HTMLInputElement;
  readonly terminal: HTMLElement;
  readonly log: HTMLElement;
  readonly promptForm: HTMLFormElement;
  readonly promptLabel: HTMLElement;
  readonly promptInput: HTMLInputElement;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

export function pageElements(): PageElements {
  return {
    root: byId('setup'),
    signIn: byId('sign-in'),
    signInForm: byId('sign-in-form'),
    orgInput: byId('org-input'),
    tokenInput: byId('token-input'),
    terminal: byId('terminal'),
    log: byId('log'),
    promptForm: byId('prompt-form'),
    promptLabel: byId('prompt-label'),
    promptInput: byId('prompt-input'),
  };
}

import { LineKind, Question, TerminalIo } from './terminal-io';

/**
 * The terminal on the page: lines of text (always set as text, never as HTML) and one prompt at a
 * time. A secret is typed into a password input and cleared as soon as it is read
 * (docs/setup-terminal.md#the-conversation).
 */
export class TerminalView implements TerminalIo {
  private progressLine: HTMLElement | undefined;

  constructor(
    private readonly log: HTMLElement,
    private readonly form: HTMLFormElement,
    private readonly label: HTMLElement,
    private readonly input: HTMLInputElement,
  ) {}

  say(text: string, kind: LineKind = 'output'): void {
    const line = document.createElement('pre');
    line.className = `line line-${kind}`;
    line.textContent = text;
    this.log.append(line);
    if (kind !== 'progress') this.progressLine = undefined;
    line.scrollIntoView({ block: 'end' });
  }

  progress(text: string): void {
    if (!this.progressLine) {
      this.say(text, 'progress');
      this.progressLine = this.log.lastElementChild as HTMLElement;
      return;
    }
    this.progressLine.textContent = text;
  }

  ask(question: Question): Promise<string> {
    this.label.textContent = question.prompt;
    this.input.type = question.secret ? 'password' : 'text';
    this.input.value = '';
    this.form.dataset['field'] = question.field;
    this.form.hidden = false;
    this.input.focus();
    return new Promise((resolve) => {
      const submit = (event: Event) => {
        event.preventDefault();
        const answer = this.input.value;
        this.input.value = '';
        this.input.type = 'text';
        this.form.hidden = true;
        delete this.form.dataset['field'];
        this.form.removeEventListener('submit', submit);
        resolve(answer);
      };
      this.form.addEventListener('submit', submit);
    });
  }
}

import { ExitCode } from '../errors/exit-codes';
import { ApiError } from '../http/api-error';
import { StepBody } from '../http/wire-types';
import { Output } from '../output/output';
import { Prompter, Question } from '../terminal/prompter';
import { NoPrompter } from '../terminal/terminal-prompter';
import { driveStateMachine } from './drive-state-machine';
import { PresetAnswers } from './value-flags';

// The conversation logic alone: the api is a script of answers keyed by what was posted, so each
// branch (refusal, re-ask, failure) is exercised exactly; the real api is driven in apps/e2e/src/cli.
const step = (overrides: Partial<StepBody>): StepBody => ({
  needs_input: true,
  prompt: 'Paste or type your API Key here:',
  prompt_is_secret: true,
  post_to_url: '/v1/organizations/1/service_integrations/svi_a/transition/backfill_key',
  post_params: {},
  post_params_value_key: 'value',
  complete: false,
  output: '',
  error_code: '',
  service_integration: { opaque_id: 'svi_a', service_name: 'increase_account_v1', table_name: 'increase_account_v1_ab12' },
  ...overrides,
});
const done = step({ needs_input: false, complete: true, output: 'All set.' });

function scriptedApi(answers: ((body: Record<string, unknown>) => unknown)[]) {
  const posted: [string, unknown][] = [];
  return {
    posted,
    post: async <T>(path: string, body: unknown = {}): Promise<T> => {
      posted.push([path, body]);
      const result = answers.shift()!(body as Record<string, unknown>);
      if (result instanceof Error) throw result;
      return result as T;
    },
  };
}

function typed(answers: string[]): Prompter & { questions: Question[] } {
  const questions: Question[] = [];
  return { interactive: true, questions, ask: async (question) => (questions.push(question), answers.shift()!) };
}

function output() {
  const lines: string[] = [];
  const stream = { write: (chunk: string) => lines.push(chunk) };
  return { out: new Output(stream, stream, false), text: () => lines.join('') };
}

describe('driveStateMachine', () => {
  it('asks each prompt (hidden when secret), posts post_params plus the answer, and ends at a completed step', async () => {
    const api = scriptedApi([() => step({ prompt: 'Paste or type your API url here:', prompt_is_secret: false, post_to_url: '/v1/x/transition/api_url', output: 'Now the URL.' }), () => done]);
    const prompter = typed(['sk_1', 'https://sandbox.increase.com']);
    const { out, text } = output();
    const last = await driveStateMachine(step({ post_params: { extra: 1 }, output: 'Get a key.' }), { api, prompter, preset: new PresetAnswers(), out });
    expect(last).toBe(done);
    expect(prompter.questions.map((q) => [q.field, q.secret])).toEqual([
      ['backfill_key', true],
      ['api_url', false],
    ]);
    expect(api.posted).toEqual([
      ['/v1/organizations/1/service_integrations/svi_a/transition/backfill_key', { extra: 1, value: 'sk_1' }],
      ['/v1/x/transition/api_url', { value: 'https://sandbox.increase.com' }],
    ]);
    expect(text()).toBe('Get a key.\nNow the URL.\nAll set.\n');
  });

  it('shows a 400 refusal and asks the same question again', async () => {
    const api = scriptedApi([() => new ApiError('POST', '/p', 400, 'invalid_input', 'value must be a string.', {}), () => done]);
    const prompter = typed(['bad', 'good']);
    const { out, text } = output();
    await driveStateMachine(step({}), { api, prompter, preset: new PresetAnswers(), out });
    expect(prompter.questions).toHaveLength(2);
    expect(text()).toContain('error: value must be a string.\n');
    expect(api.posted.map(([, body]) => body)).toEqual([{ value: 'bad' }, { value: 'good' }]);
  });

  it('uses --value answers once and, without a terminal, stops when the api asks for the field again', async () => {
    const again = step({ output: 'It looks like that API Key is invalid: we got an HTTP 401 error when listing Increase Accounts. Please try again.' });
    const api = scriptedApi([() => again]);
    const preset = new PresetAnswers();
    preset.set('backfill_key', 'sk_wrong');
    const { out } = output();
    await expect(driveStateMachine(step({}), { api, prompter: new NoPrompter(), preset, out })).rejects.toMatchObject({
      exitCode: ExitCode.failed,
      code: 'value_refused',
      message: expect.stringMatching(/^The api refused the value given for backfill_key: It looks like that API Key is invalid/),
    });
    expect(api.posted).toEqual([[expect.any(String), { value: 'sk_wrong' }]]);
  });

  it('names the integration to resume when an answer is missing', async () => {
    const { out } = output();
    await expect(driveStateMachine(step({}), { api: scriptedApi([]), prompter: new NoPrompter(), preset: new PresetAnswers(), out })).rejects.toMatchObject({
      exitCode: ExitCode.usage,
      message: expect.stringContaining('pass --value backfill_key=... The integration svi_a exists; answer its setup with: whdb integrations reset svi_a'),
    });
  });

  it('returns a final answer that is not a step, and refuses a step that neither asks nor completes', async () => {
    const { out } = output();
    const api = scriptedApi([() => ({ message: 'deleted' })]);
    expect(await driveStateMachine(step({ post_params_value_key: 'confirm' }), { api, prompter: typed(['t']), preset: new PresetAnswers(), out })).toEqual({ message: 'deleted' });
    await expect(driveStateMachine(step({ needs_input: false }), { api, prompter: typed([]), preset: new PresetAnswers(), out })).rejects.toMatchObject({ code: 'invalid_step' });
  });

  it('cancels when "create another one?" is not answered yes', async () => {
    const { out } = output();
    const guard = step({ post_params_value_key: 'guard_confirm', prompt: 'Are you sure you want to create another one? (y/n)', prompt_is_secret: false, service_integration: undefined });
    await expect(driveStateMachine(guard, { api: scriptedApi([]), prompter: typed(['n']), preset: new PresetAnswers(), out })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

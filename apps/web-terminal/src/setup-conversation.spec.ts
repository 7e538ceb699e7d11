import { WireStep } from '@whdb/core/browser';
import { ApiProblem } from './api-problem';
import { SetupApi } from './api-session';
import { converse, setUpService } from './setup-conversation';
import { LineKind, Question, TerminalIo } from './terminal-io';

// The conversation alone: the api is a script of answers, the terminal a recorder. The page in a
// real browser against the real api is tested in apps/e2e/src/web.
const step = (overrides: Partial<WireStep>): WireStep => ({
  needs_input: true,
  prompt: 'Paste or type your secret here:',
  prompt_is_secret: true,
  post_to_url: '/v1/organizations/1/service_integrations/svi_a/transition/webhook_secret',
  post_params: {},
  post_params_value_key: 'value',
  complete: false,
  output: '',
  error_code: '',
  service_integration: { opaque_id: 'svi_a', service_name: 'increase_account_v1', table_name: 'increase_account_v1_ab12' },
  ...overrides,
});
const done = step({ needs_input: false, complete: true, output: 'All set.' });

function scriptedApi(answers: ((body: unknown) => unknown)[]): SetupApi & { posted: [string, unknown][] } {
  const posted: [string, unknown][] = [];
  return {
    posted,
    post: async (path, body) => {
      posted.push([path, body]);
      const result = answers.shift()!(body);
      if (result instanceof Error) throw result;
      return result;
    },
    get: async () => {
      throw new Error('not expected');
    },
  };
}

function terminal(answers: string[]): TerminalIo & { lines: [LineKind, string][]; questions: Question[] } {
  const lines: [LineKind, string][] = [];
  const questions: Question[] = [];
  return {
    lines,
    questions,
    say: (text, kind = 'output') => lines.push([kind, text]),
    progress: (text) => lines.push(['progress', text]),
    ask: async (question) => (questions.push(question), answers.shift()!),
  };
}

describe('converse', () => {
  it('asks each prompt (hidden when secret), posts post_params plus the answer, never shows a secret', async () => {
    const api = scriptedApi([() => step({ prompt: 'Paste or type your API url here:', prompt_is_secret: false, post_to_url: '/v1/x/transition/api_url', output: 'Now the URL.' }), () => done]);
    const io = terminal(['sk_1', 'https://sandbox.increase.com']);
    const outcome = await converse(api, io, step({ post_params: { extra: 1 }, output: 'Get a key.' }));
    expect(outcome).toEqual({ kind: 'completed', step: done });
    expect(io.questions.map((q) => [q.field, q.secret])).toEqual([
      ['webhook_secret', true],
      ['api_url', false],
    ]);
    expect(api.posted).toEqual([
      ['/v1/organizations/1/service_integrations/svi_a/transition/webhook_secret', { extra: 1, value: 'sk_1' }],
      ['/v1/x/transition/api_url', { value: 'https://sandbox.increase.com' }],
    ]);
    expect(io.lines).toEqual([
      ['output', 'Get a key.'],
      ['answer', '> (hidden)'],
      ['output', 'Now the URL.'],
      ['answer', '> https://sandbox.increase.com'],
      ['success', 'All set.'],
    ]);
  });

  it('shows a 400 refusal and asks the same question again; a 422 prompt is asked as the next question', async () => {
    const prompt = step({ prompt: 'Enter the new name of the table:', prompt_is_secret: false, post_params_value_key: 'new_name', post_to_url: '/v1/p' });
    const api = scriptedApi([
      () => new ApiProblem(400, 'invalid_input', 'value must be a string.', {}),
      () => new ApiProblem(422, 'prompt_required_params', 'A name is needed.', { code: 'prompt_required_params', state_machine_step: prompt }),
      () => done,
    ]);
    const io = terminal(['bad', 'good', 'table_b']);
    await converse(api, io, step({}));
    expect(io.questions.map((q) => q.field)).toEqual(['webhook_secret', 'webhook_secret', 'new_name']);
    expect(io.lines).toContainEqual(['error', 'error: value must be a string.']);
    expect(io.lines).toContainEqual(['error', 'error: A name is needed.']);
    expect(api.posted.map(([, body]) => body)).toEqual([{ value: 'bad' }, { value: 'good' }, { new_name: 'table_b' }]);
  });

  it('stops on "n" to "create another one?", and on other api failures', async () => {
    const guard = step({ post_params_value_key: 'guard_confirm', prompt: 'Are you sure you want to create another one? (y/n)', prompt_is_secret: false });
    await expect(converse(scriptedApi([]), terminal(['n']), guard)).resolves.toEqual({ kind: 'cancelled' });
    const unauthorized = new ApiProblem(401, 'unauthenticated', 'Invalid token', {});
    await expect(converse(scriptedApi([() => unauthorized]), terminal(['x']), step({}))).rejects.toBe(unauthorized);
    await expect(converse(scriptedApi([]), terminal([]), step({ needs_input: false }))).rejects.toMatchObject({ code: 'invalid_step' });
  });

  it('ends with a failed step when the completed step carries an error code', async () => {
    const failed = step({ needs_input: false, complete: true, error_code: 'no_candidate_dependency', output: 'This integration requires SignalWire Messages to sync.' });
    const io = terminal([]);
    await expect(converse(scriptedApi([]), io, failed)).resolves.toEqual({ kind: 'failed', step: failed });
    expect(io.lines).toEqual([['error', 'This integration requires SignalWire Messages to sync.']]);
  });
});

describe('setUpService', () => {
  const noParent = step({ needs_input: false, complete: true, error_code: 'no_candidate_dependency', output: 'This integration requires SignalWire Messages to sync.' });
  const target = { org: 'acme', serviceName: 'front_signalwire_message_channel_app_v1', dependencyName: 'signalwire_message_v1' };

  it('offers to set the missing parent up first, then creates the service again', async () => {
    const api = scriptedApi([() => noParent, () => done, () => step({ prompt: 'Paste or type your Phone number here:', prompt_is_secret: false, post_to_url: '/v1/c/transition/api_url' }), () => done]);
    const io = terminal(['y', '+15555550123']);
    const outcome = await setUpService(api, io, target);
    expect(outcome.kind).toBe('completed');
    expect(api.posted.map(([path, body]) => [path, body])).toEqual([
      ['/v1/organizations/acme/service_integrations/create', { service_name: 'front_signalwire_message_channel_app_v1' }],
      ['/v1/organizations/acme/service_integrations/create', { service_name: 'signalwire_message_v1' }],
      ['/v1/organizations/acme/service_integrations/create', { service_name: 'front_signalwire_message_channel_app_v1' }],
      ['/v1/c/transition/api_url', { value: '+15555550123' }],
    ]);
    expect(io.questions[0]).toEqual({ field: 'set_up_dependency', prompt: 'Set up signalwire_message_v1 now? (y/n)', secret: false });
  });

  it('creates nothing more when the parent is declined', async () => {
    const api = scriptedApi([() => noParent]);
    await expect(setUpService(api, terminal(['n']), target)).resolves.toEqual({ kind: 'cancelled' });
    expect(api.posted).toHaveLength(1);
  });

  it('starts with the 422 question of create (another integration of the service)', async () => {
    const guard = step({ post_params_value_key: 'guard_confirm', prompt: 'Are you sure you want to create another one? (y/n)', prompt_is_secret: false, post_to_url: '/v1/organizations/acme/service_integrations/create', post_params: { service_name: 'increase_account_v1' } });
    const api = scriptedApi([() => new ApiProblem(422, 'prompt_required_params', 'Acme already has an integration of increase_account_v1.', { code: 'prompt_required_params', state_machine_step: guard }), () => done]);
    const io = terminal(['y']);
    await expect(setUpService(api, io, { org: 'acme', serviceName: 'increase_account_v1' })).resolves.toMatchObject({ kind: 'completed' });
    expect(io.lines[0]).toEqual(['notice', 'Acme already has an integration of increase_account_v1.']);
    expect(api.posted[1]).toEqual(['/v1/organizations/acme/service_integrations/create', { service_name: 'increase_account_v1', guard_confirm: 'y' }]);
  });
});

import { defineConfig, loadConfig } from '../config/load-config';
import { port, secret } from '../config/config-fields';
import { runMain } from './run-main';

function harness() {
  let written = '';
  const exit = jest.fn();
  return { options: { stderr: { write: (text: string) => (written += text) }, exit }, exit, output: () => written };
}

describe('runMain', () => {
  it('prints a ConfigError as one message without a stack and exits 1', async () => {
    const { options, exit, output } = harness();
    const schema = defineConfig({ API_PORT: port(), WHDB_ADMIN_TOKEN: secret({ validate: () => 'is too short' }) });
    await runMain(() => loadConfig(schema, { API_PORT: 'x', WHDB_ADMIN_TOKEN: 'sekrit' }), options);
    expect(exit).toHaveBeenCalledWith(1);
    expect(output()).toBe(
      'Invalid configuration: 2 environment variables to fix\n  - API_PORT: must be an integer (got "x")\n  - WHDB_ADMIN_TOKEN: is too short\n',
    );
  });

  it('prints other start-up failures with their stack and exits 1', async () => {
    const { options, exit, output } = harness();
    await runMain(async () => {
      throw new Error('listen EADDRINUSE');
    }, options);
    expect(exit).toHaveBeenCalledWith(1);
    expect(output()).toMatch(/^Failed to start: Error: listen EADDRINUSE\n\s+at /);
  });

  it('does nothing more when main succeeds', async () => {
    const { options, exit, output } = harness();
    await runMain(() => 'ok', options);
    expect(exit).not.toHaveBeenCalled();
    expect(output()).toBe('');
  });
});

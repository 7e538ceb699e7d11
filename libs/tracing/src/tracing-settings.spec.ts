import { tracingSettingsFrom } from './tracing-settings';

describe('tracingSettingsFrom (docs/configuration.md#tracing)', () => {
  it('keeps tracing off when nothing asks for it, or when it is disabled', () => {
    expect(tracingSettingsFrom({}, 'ingress')).toBeNull();
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'ingress')).toBeNull();
    expect(tracingSettingsFrom({ OTEL_SDK_DISABLED: true, OTEL_TRACES_EXPORTER: 'otlp' }, 'ingress')).toBeNull();
  });

  it('turns on with an endpoint alone, appending /v1/traces, protobuf unless JSON is asked for', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'ingress')).toEqual({
      serviceName: 'ingress',
      export: { kind: 'otlp', url: 'http://collector:4318/v1/traces', protocol: 'http/protobuf' },
    });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, 'ingress')?.export).toEqual({
      kind: 'otlp',
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/json',
    });
  });

  it('uses the traces endpoint as given, and the default endpoint when only the exporter is named', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318' }, 'api')?.export).toMatchObject({ url: 'https://otel.example/custom' });
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'otlp' }, 'api')?.export).toMatchObject({ url: 'http://localhost:4318/v1/traces' });
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'console' }, 'api')?.export).toEqual({ kind: 'console' });
  });

  it('names the service by OTEL_SERVICE_NAME, else by the service itself', () => {
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'whdb-ingress-eu' }, 'ingress')?.serviceName).toBe('whdb-ingress-eu');
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: '  ' }, 'projector-increase_account_v1')?.serviceName).toBe('projector-increase_account_v1');
  });
});

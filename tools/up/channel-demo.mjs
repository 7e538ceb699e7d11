// `npm run up -- --demo channel`: the two-way Front <-> SignalWire channel against local fakes of
// both providers (docs/behaviour/channel.md). The fakes run in this process and every service is
// started with their URLs, the Front channel app id and secret, and an SMS allowlist of the demo
// customer only. The steps are libs/testing/src/demo/channel-demo.ts (tested by
// apps/e2e/src/channel/channel-demo.int-spec.ts), loaded from the fresh build.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const demoModule = (root, name) => require(path.join(root, 'dist/libs/testing/src/demo', name));

export async function startChannelDemoFakes(root) {
  const { startChannelFakes } = demoModule(root, 'channel-fakes.js');
  const { DEMO_CUSTOMER_NUMBER } = demoModule(root, 'channel-demo.js');
  const fakes = await startChannelFakes({ allowlist: DEMO_CUSTOMER_NUMBER });
  console.log(`Channel demo fakes: SignalWire ${fakes.signalwire.url}, Front ${fakes.front.url} (SMS allowlist ${DEMO_CUSTOMER_NUMBER})`);
  return fakes;
}

export async function runChannelDemoSteps({ root, apiUrl, ingressUrl, adminToken, databaseUrl, fakes }) {
  const { runChannelDemo } = demoModule(root, 'channel-demo.js');
  console.log('\nDemo: the Front <-> SignalWire channel, step by step');
  const result = await runChannelDemo({ apiUrl, ingressUrl, adminToken, fakes, say: (line) => console.log(`  ${line}`) });
  const table = `whdb_org_${result.channel.orgKey}.${result.channel.channel.table}`;
  console.log(`  Both messages are rows of the channel table (each converges with its SignalWire sid and Front id):`);
  console.log(`  psql ${databaseUrl} -c 'SELECT external_id, direction, signalwire_sid, front_message_id, body FROM ${table}'`);
  console.log(`  (organization token for the api: ${result.channel.token}; the fakes stop with Ctrl-C)`);
}

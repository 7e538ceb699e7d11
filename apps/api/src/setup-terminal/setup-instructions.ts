import { ReplicatorDescriptor } from '@whdb/core';
import { FRONT_CHANNEL_SERVICE } from './setup-page-path';

/** What the page says before the conversation starts (docs/setup-terminal.md#pages). */
export interface SetupInstructions {
  readonly title: string;
  readonly intro: string;
  readonly steps: readonly string[];
}

/** The seed flow of the Front ↔ SignalWire channel (SPEC 15.2; the "web setup terminal"). */
const FRONT_CHANNEL: SetupInstructions = {
  title: 'Connect SignalWire SMS to Front',
  intro: 'This terminal installs the SignalWire channel of Front: text messages to your SignalWire number appear in Front, and replies from Front are sent as SMS.',
  steps: [
    'Enable the Front app: in Front, open Settings → App Store, find the SignalWire channel and enable it for your workspace.',
    'Set SignalWire up: the terminal connects your SignalWire space (space URL, project ID and an API token with the Messaging scope), or reuses the SignalWire integration you already have.',
    'Choose the phone number: the SignalWire number your customers text, the one Front will send from.',
    'Receive the API key: the terminal shows it at the end. Paste it into Front where the channel asks for its API key.',
  ],
};

export function setupInstructions(serviceName: string, descriptor: ReplicatorDescriptor | undefined): SetupInstructions {
  if (serviceName === FRONT_CHANNEL_SERVICE) return FRONT_CHANNEL;
  const resources = descriptor?.resourceNamePlural ?? serviceName;
  const steps = [
    `Sign in with your organization's token, or open a setup link printed by: whdb setup-link ${serviceName}`,
    'Answer each question of the setup. Secrets are hidden as you type and never shown again; a refused answer is asked again with the reason.',
    descriptor?.supportsBackfill ? 'At the end the terminal shows what to do next, and follows the first backfill when one starts.' : 'At the end the terminal shows what to do next, e.g. the webhook URL to give the provider.',
  ];
  return { title: `Replicate ${resources}`, intro: `This terminal sets up ${resources} (${serviceName}) the way \`whdb integrations create ${serviceName}\` does.`, steps };
}

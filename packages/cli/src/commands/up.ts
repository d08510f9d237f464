import { dirname } from 'node:path';
import { defineCommand } from '../define-command.js';

/** `rampart up`: the embedded default, one process with the gateway and the monitor. */
export const upCommand = defineCommand({
  name: 'up',
  summary: 'Run the gateway and the monitor together in one process (the embedded default).',
  description:
    'Everything `rampart gateway` does, plus the monitor in the same process: every event the gateway emits is ' +
    'written to the SQLite store and analysed by the detectors (monitor.detectors.disable turns some off). ' +
    'Alerts are saved to the store; an alert of high severity or more puts its actor (address, principal, ' +
    'credential) on the in-process blocklist for 15 minutes, which the gateway enforces at once (403). ' +
    'Loopback addresses are never blocked. The web console is not part of `rampart up` yet.',
  usage: '[--config rampart.yaml] [--check] [--set key=value]',
  options: {
    check: {
      type: 'boolean',
      description:
        'Validate the configuration, load the description, print the warnings and exit without listening.',
    },
  },
  usesConfig: true,
  examples: [
    ['rampart up', 'Protect and monitor the API described by ./rampart.yaml.'],
    [
      'BANK_JWT_SECRET=secret1 rampart up --config examples/vulnerable-bank/rampart.yaml',
      'The demo: the vulnerable bank behind the gateway (start the bank on 127.0.0.1:8081 first).',
    ],
  ],
  exitCodes: {
    0: 'stopped gracefully (SIGINT/SIGTERM), or --check found the configuration valid',
    2: 'the configuration, the description or a file it names is invalid or unreadable (nothing was started)',
    3: 'internal failure, e.g. the listen address is in use or the store cannot be opened',
  },
  async run(context) {
    // Loaded on use: the gateway, monitor and store cost start-up time every other command should not pay.
    const { runGatewayCommand } = await import('../run-gateway-command.js');
    return runGatewayCommand(context, {
      monitor: true,
      check: context.options.check,
      banner: (ready) =>
        `rampart up${ready.workers > 1 ? ` (${ready.workers} workers)` : ''}\n` +
        `  gateway  ${ready.url}\n` +
        `  admin    ${ready.adminUrl ?? 'off'}${ready.adminUrl ? ' (/healthz, /readyz, /metrics)' : ''}\n` +
        `  monitor  in process: detectors on every event; alerts to the store; high alerts block the actor\n` +
        `  data     ${dirname(ready.storePath)} (events and alerts in ${ready.storePath})\n` +
        `  console  not available yet\n`,
    });
  },
});

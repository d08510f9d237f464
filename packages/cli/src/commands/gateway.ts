import { defineCommand } from '../define-command.js';

/** `rampart gateway`: the security gateway alone (distributed mode, or in front of an API with no monitor). */
export const gatewayCommand = defineCommand({
  name: 'gateway',
  summary: 'Run the security gateway: a reverse proxy that enforces the policies of rampart.yaml.',
  description:
    'Reads the gateway section of the configuration, loads the OpenAPI description of routing.spec, and ' +
    'listens on gateway.listen (default 127.0.0.1:8080) with its admin endpoint (/healthz, /readyz, /metrics) ' +
    'on gateway.admin.listen (default 127.0.0.1:9901). Requests matching no operation are refused; the ' +
    'configured policies authenticate, authorize, rate-limit, validate and inspect the others before they are ' +
    'forwarded to gateway.upstreams. One event per request is written to the SQLite store (store.sqlite.path). ' +
    'Insecure settings are printed as coded warnings at every start (the ids of `rampart audit ' +
    '--gateway-config`). SIGHUP, or a change to the configuration or description file, reloads both; a bad ' +
    'reload keeps the running configuration and says why. SIGINT/SIGTERM stop accepting connections, let ' +
    'requests in flight finish (gateway.shutdownTimeoutMs), flush the events and exit 0. With gateway.workers ' +
    '> 1 the gateway runs in that many node:cluster workers. docs/gateway.md explains the configuration.',
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
    ['rampart gateway --config rampart.yaml', 'Run the gateway with the policies of rampart.yaml.'],
    ['rampart gateway --check', 'Validate ./rampart.yaml and the description it names (CI), then exit.'],
    [
      'rampart gateway --set gateway.listen.port=8443 --set gateway.workers=4',
      'Override the port and run four worker processes.',
    ],
    ['kill -HUP <pid>', 'Reload the configuration and description without dropping connections.'],
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
      monitor: false,
      check: context.options.check,
      banner: (ready) =>
        `rampart gateway listening on ${ready.url}${ready.workers > 1 ? ` (${ready.workers} workers)` : ''}\n` +
        `  admin    ${ready.adminUrl ?? 'off'}${ready.adminUrl ? ' (/healthz, /readyz, /metrics)' : ''}\n` +
        `  events   ${ready.storePath}\n`,
    });
  },
});

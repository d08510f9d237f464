/** Latency histogram buckets, in seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/** The gateway's Prometheus metrics, kept in memory and rendered in the text exposition format 0.0.4. */
export interface GatewayMetrics {
  /** Counts one finished request. `route` is the templated path, or `unmatched`. */
  observeRequest(route: string, method: string, status: number, verdict: string, seconds: number): void;
  /** Counts a policy that threw (failed open or closed). */
  observePolicyError(policy: string): void;
  /** Counts a failed upstream attempt (`connect`, `timeout`, `other`). */
  observeUpstreamError(upstream: string, kind: string): void;
  /** A WebSocket tunnel opened (the client got its 101). */
  observeWebSocketOpened(): void;
  /** A WebSocket tunnel that had opened is over. */
  observeWebSocketClosed(): void;
  /** Renders every metric; `upstreams` gives the current health of each upstream. */
  render(
    upstreams: readonly { readonly origin: string; readonly healthy: boolean }[],
    inFlight: number,
  ): string;
}

/**
 * Hand-written exposition (no client library): counters by route, method, status and verdict; a latency
 * histogram by route; policy and upstream error counters; upstream health and in-flight gauges. Label values are
 * escaped per the format (backslash, quote, newline). Routes come from the description, so label cardinality is
 * bounded by its operations.
 */
export function createMetrics(): GatewayMetrics {
  // Keyed by the raw labels (route, then `method status verdict`: a method is an HTTP token without spaces), so
  // a request costs two map look-ups; label values are escaped once, when a series is created.
  const requests = new Map<string, Map<string, { readonly labels: string; value: number }>>();
  const latency = new Map<string, Histogram & { readonly labels: string }>();
  const policyErrors = new Map<string, number>();
  const upstreamErrors = new Map<string, number>();
  let webSocketsOpened = 0;
  let webSocketsOpen = 0;
  return {
    observeRequest(route, method, status, verdict, seconds) {
      let byRoute = requests.get(route);
      if (!byRoute) {
        byRoute = new Map();
        requests.set(route, byRoute);
      }
      const key = `${method} ${status} ${verdict}`;
      const series = byRoute.get(key);
      if (series) series.value++;
      else
        byRoute.set(key, {
          labels: `route="${escapeLabel(route)}",method="${escapeLabel(method)}",status="${status}",verdict="${verdict}"`,
          value: 1,
        });
      // A WebSocket tunnel's lifetime is not a request's duration (tunnels have their own metrics).
      if (status === 101) return;
      let h = latency.get(route);
      if (!h) {
        h = { labels: `route="${escapeLabel(route)}"`, counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
        latency.set(route, h);
      }
      for (let i = 0; i < BUCKETS.length; i++)
        if (seconds <= (BUCKETS[i] as number)) (h.counts[i] as number)++;
      h.sum += seconds;
      h.count++;
    },
    observePolicyError(policy) {
      const key = `policy="${escapeLabel(policy)}"`;
      policyErrors.set(key, (policyErrors.get(key) ?? 0) + 1);
    },
    observeUpstreamError(upstream, kind) {
      const key = `upstream="${escapeLabel(upstream)}",kind="${kind}"`;
      upstreamErrors.set(key, (upstreamErrors.get(key) ?? 0) + 1);
    },
    observeWebSocketOpened() {
      webSocketsOpened++;
      webSocketsOpen++;
    },
    observeWebSocketClosed() {
      webSocketsOpen--;
    },
    render(upstreams, inFlight) {
      const lines: string[] = [];
      lines.push(
        '# HELP rampart_gateway_requests_total Requests handled, by route, method, status and verdict.',
      );
      lines.push('# TYPE rampart_gateway_requests_total counter');
      for (const byRoute of requests.values())
        for (const { labels, value } of byRoute.values())
          lines.push(`rampart_gateway_requests_total{${labels}} ${value}`);
      lines.push(
        '# HELP rampart_gateway_request_duration_seconds Time from request to response end, by route.',
      );
      lines.push('# TYPE rampart_gateway_request_duration_seconds histogram');
      for (const h of latency.values()) {
        const labels = h.labels;
        BUCKETS.forEach((le, i) => {
          lines.push(`rampart_gateway_request_duration_seconds_bucket{${labels},le="${le}"} ${h.counts[i]}`);
        });
        lines.push(`rampart_gateway_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
        lines.push(`rampart_gateway_request_duration_seconds_sum{${labels}} ${h.sum}`);
        lines.push(`rampart_gateway_request_duration_seconds_count{${labels}} ${h.count}`);
      }
      lines.push('# HELP rampart_gateway_policy_errors_total Policies that threw, by policy.');
      lines.push('# TYPE rampart_gateway_policy_errors_total counter');
      for (const [labels, value] of policyErrors)
        lines.push(`rampart_gateway_policy_errors_total{${labels}} ${value}`);
      lines.push(
        '# HELP rampart_gateway_upstream_errors_total Failed upstream attempts, by upstream and kind.',
      );
      lines.push('# TYPE rampart_gateway_upstream_errors_total counter');
      for (const [labels, value] of upstreamErrors)
        lines.push(`rampart_gateway_upstream_errors_total{${labels}} ${value}`);
      lines.push(
        '# HELP rampart_gateway_upstream_healthy Whether an upstream is in rotation (1) or not (0).',
      );
      lines.push('# TYPE rampart_gateway_upstream_healthy gauge');
      for (const u of upstreams)
        lines.push(
          `rampart_gateway_upstream_healthy{upstream="${escapeLabel(u.origin)}"} ${u.healthy ? 1 : 0}`,
        );
      lines.push('# HELP rampart_gateway_requests_in_flight Requests being handled now.');
      lines.push('# TYPE rampart_gateway_requests_in_flight gauge');
      lines.push(`rampart_gateway_requests_in_flight ${inFlight}`);
      lines.push(
        '# HELP rampart_gateway_websockets_opened_total WebSocket tunnels opened (101 sent to the client).',
      );
      lines.push('# TYPE rampart_gateway_websockets_opened_total counter');
      lines.push(`rampart_gateway_websockets_opened_total ${webSocketsOpened}`);
      lines.push('# HELP rampart_gateway_websockets_open WebSocket tunnels open now.');
      lines.push('# TYPE rampart_gateway_websockets_open gauge');
      lines.push(`rampart_gateway_websockets_open ${webSocketsOpen}`);
      return `${lines.join('\n')}\n`;
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

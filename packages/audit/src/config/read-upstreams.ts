import { readList, readObject } from './read-config-value.js';

/** One entry of `gateway.upstreams` as the config audit reads it. */
export interface AuditedUpstream {
  /** JSON pointer of the entry inside the `gateway` section, e.g. `/upstreams/1`. */
  readonly pointer: string;
  /** The `url` as written, when it is a string. */
  readonly url: string | undefined;
  /** JSON pointer of the URL: `/upstreams/1/url`, or the entry itself when it is a bare string. */
  readonly urlPointer: string;
  /** The `tls` block, when it is an object. */
  readonly tls: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The entries of `gateway.upstreams`, whether written as objects (`rampart.yaml`) or as bare URL strings (as
 * `GatewayOptions` also allows); anything else in the list is skipped.
 */
export function readUpstreams(upstreams: unknown): readonly AuditedUpstream[] {
  const out: AuditedUpstream[] = [];
  readList(upstreams).forEach((entry, i) => {
    const pointer = `/upstreams/${i}`;
    if (typeof entry === 'string') {
      out.push({ pointer, url: entry, urlPointer: pointer, tls: undefined });
      return;
    }
    const item = readObject(entry);
    if (!item) return;
    const url = item['url'];
    out.push({
      pointer,
      url: typeof url === 'string' ? url : undefined,
      urlPointer: `${pointer}/url`,
      tls: readObject(item['tls']),
    });
  });
  return out;
}

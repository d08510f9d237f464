import type { MediaType } from './model.js';

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeEssence(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** JSON bodies: `application/json` and any `+json` structured syntax suffix (RFC 6839). */
export function isJsonMediaType(essence: string): boolean {
  return essence === 'application/json' || essence.endsWith('+json');
}

/**
 * The described media type that applies to a request or response content type, most specific first: an exact
 * match (parameters ignored), then `type/*`, then `*\/*`. Undefined when none applies.
 */
export function selectMediaType(content: readonly MediaType[], contentType: string): MediaType | undefined {
  const essence = mediaTypeEssence(contentType);
  const wildcard = `${essence.slice(0, essence.indexOf('/'))}/*`;
  let range: MediaType | undefined;
  let any: MediaType | undefined;
  for (const media of content) {
    const described = mediaTypeEssence(media.mediaType);
    if (described === essence) return media;
    if (described === wildcard) range ??= media;
    else if (described === '*/*') any ??= media;
  }
  return range ?? any;
}

import type { ApiEvent } from '@rampart/core';
import { parseBodySample } from './parse-body-sample.js';

let lastText: string | undefined;
let lastType: string | undefined;
let lastTruncated = false;
let lastParsed: unknown;

/**
 * `parseBodySample(event.requestBody)`, memoized for the last body sample seen (compared by its text, content type
 * and truncation), since several detectors read the same event's body in turn: the JSON is parsed once per event.
 * The result is shared, so callers must not modify it.
 */
export function parseRequestBody(event: ApiEvent): unknown {
  const body = event.requestBody;
  const text = body?.text;
  if (text === undefined) return parseBodySample(body);
  if (text === lastText && body!.contentType === lastType && body!.truncated === lastTruncated)
    return lastParsed;
  lastParsed = parseBodySample(body);
  lastText = text;
  lastType = body!.contentType;
  lastTruncated = body!.truncated;
  return lastParsed;
}

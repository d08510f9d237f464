import { type Finding, Secret } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { SAMPLE_API_KEY, SAMPLE_PASSWORD, SAMPLE_TOKEN, SCAN_FINDING } from './sample-report.fixture.js';
import { sanitizeFinding } from './sanitize-finding.js';

const withEvidence = (evidence: NonNullable<Finding['evidence']>): Finding => ({ ...SCAN_FINDING, evidence });

describe('sanitizeFinding', () => {
  it('redacts credential headers again, keeping the Authorization scheme', () => {
    const out = sanitizeFinding(SCAN_FINDING);
    const second = out.evidence?.exchanges?.[1];
    expect(second?.request.headers).toEqual({
      authorization: 'Bearer [redacted]',
      cookie: '[redacted]',
      accept: 'application/json',
    });
    expect(second?.response?.headers['set-cookie']).toBe('[redacted]');
  });

  it('leaves an already-redacted Authorization header redacted', () => {
    const out = sanitizeFinding(SCAN_FINDING);
    expect(out.evidence?.exchanges?.[0]?.request.headers['authorization']).toBe('Bearer [redacted]');
  });

  it('redacts secret query parameters, JSON body keys and curl credentials', () => {
    const text = JSON.stringify(sanitizeFinding(SCAN_FINDING));
    for (const secret of [SAMPLE_TOKEN, SAMPLE_PASSWORD, SAMPLE_API_KEY]) expect(text).not.toContain(secret);
    const out = sanitizeFinding(SCAN_FINDING);
    expect(out.evidence?.curl).toBe(
      "curl -s -H 'Authorization: Bearer [redacted]' -u '[redacted]' 'https://api.example.com/users/1001?api_key=%5Bredacted%5D'",
    );
    expect(JSON.parse(out.evidence?.exchanges?.[1]?.response?.body ?? '')).toEqual({
      id: 1001,
      email: 'alice@example.com',
      password: '[redacted]',
    });
  });

  it('keeps bodies byte-for-byte when there is nothing to redact', () => {
    const out = sanitizeFinding(SCAN_FINDING);
    expect(out.evidence?.exchanges?.[0]?.response?.body).toBe('{"id":1001,"email":"alice@example.com"}');
  });

  it('redacts form-encoded bodies', () => {
    const out = sanitizeFinding(
      withEvidence({
        summary: 's',
        exchanges: [
          {
            request: {
              method: 'POST',
              url: 'https://a.example/login',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: `user=bob&password=${SAMPLE_PASSWORD}`,
            },
          },
        ],
      }),
    );
    expect(out.evidence?.exchanges?.[0]?.request.body).toBe('user=bob&password=%5Bredacted%5D');
  });

  it('prints a Secret that slipped into a header or curl as [redacted]', () => {
    const secret = new Secret('s3cr3t-value') as unknown as string;
    const out = sanitizeFinding(
      withEvidence({
        summary: 's',
        curl: secret,
        exchanges: [
          { request: { method: 'GET', url: 'https://a.example/', headers: { 'x-trace': secret } } },
        ],
      }),
    );
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
    expect(out.evidence?.exchanges?.[0]?.request.headers['x-trace']).toBe('[redacted]');
  });

  it('does not redact ordinary headers in curl', () => {
    const out = sanitizeFinding(
      withEvidence({ summary: 's', curl: "curl -H 'Accept: application/json' https://a.example/" }),
    );
    expect(out.evidence?.curl).toBe("curl -H 'Accept: application/json' https://a.example/");
  });
});

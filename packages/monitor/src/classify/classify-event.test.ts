import { REDACTED_TEXT } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { classifyEvent } from './classify-event.js';

describe('classifyEvent', () => {
  it('classifies path segments, query, custom headers and both bodies, by direction', () => {
    const event = makeEvent({
      method: 'POST',
      path: '/users/alice@example.com/cards',
      rawPath: '/users/alice@example.com/cards?phone=4155552671&page=2',
      requestHeaders: {
        'x-forwarded-for': '203.0.113.9',
        'x-client-ip': '198.51.100.7',
        authorization: `Bearer ${REDACTED_TEXT}`,
      },
      requestBody: {
        contentType: 'application/json',
        text: JSON.stringify({ card: '4111 1111 1111 1111', note: 'hi' }),
        truncated: false,
        size: 50,
      },
      responseBody: {
        contentType: 'application/json',
        text: JSON.stringify({ iban: 'DE89370400440532013000', owner: { dob: '1985-03-12' } }),
        truncated: false,
        size: 80,
      },
    });
    const result = classifyEvent(event);
    expect(result.matches).toEqual([
      { class: 'email', location: 'path', pointer: '/1' },
      { class: 'phone', location: 'query', pointer: '/phone' },
      { class: 'ip-address', location: 'request-header', pointer: '/x-client-ip' },
      { class: 'payment-card', location: 'request-body', pointer: '/card' },
      { class: 'iban', location: 'response-body', pointer: '/iban' },
      { class: 'date-of-birth', location: 'response-body', pointer: '/owner/dob' },
    ]);
    expect(result.requestClasses).toEqual(['email', 'phone', 'payment-card', 'ip-address']);
    expect(result.responseClasses).toEqual(['iban', 'date-of-birth']);
    expect(result.classes).toEqual(['email', 'phone', 'payment-card', 'iban', 'ip-address', 'date-of-birth']);
  });

  it('reads form bodies by field and text bodies word by word', () => {
    const event = makeEvent({
      requestBody: {
        contentType: 'application/x-www-form-urlencoded',
        text: 'ssn=536904399&name=x',
        truncated: false,
        size: 20,
      },
      responseBody: {
        contentType: 'text/plain',
        text: 'Contact: bob@example.org.',
        truncated: false,
        size: 25,
      },
    });
    expect(classifyEvent(event).matches).toEqual([
      { class: 'national-id', location: 'request-body', pointer: '/ssn' },
      { class: 'email', location: 'response-body', pointer: '' },
    ]);
  });

  it('finds nothing in an ordinary call', () => {
    const event = makeEvent({
      path: '/accounts/1042/transactions',
      rawPath: '/accounts/1042/transactions?from=2024-01-01&limit=50',
      requestHeaders: { 'user-agent': 'curl/8.5', accept: 'application/json', 'x-request-id': '4155552671' },
      responseBody: {
        contentType: 'application/json',
        text: JSON.stringify([
          {
            id: 4111111111111112,
            amount: 12.5,
            at: '2024-01-02T10:00:00Z',
            ref: 'd41d8cd98f00b204e9800998ecf8427e',
          },
        ]),
        truncated: false,
        size: 100,
      },
    });
    expect(classifyEvent(event).classes).toEqual([]);
  });
});

import type { Alert } from '@rampart/core';
import type { AlertChange } from './alert-sink.js';

/** Slack's incoming-webhook payload: `text` is the notification fallback, `blocks` the rich layout. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

const ICON = {
  critical: ':rotating_light:',
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_yellow_circle:',
  info: ':information_source:',
} as const;

/**
 * An alert as a Slack message (also accepted by Mattermost and Rocket.Chat). Every value that can carry attacker
 * text (actor, targets, summary) is escaped for Slack mrkdwn (`&`, `<`, `>`), so a payload cannot mention
 * `@channel` or forge a link.
 */
export function formatSlackMessage(alert: Alert, change: AlertChange): SlackMessage {
  const summary = typeof alert.details?.['summary'] === 'string' ? alert.details['summary'] : '';
  const verb = change === 'opened' ? 'New alert' : 'Alert updated';
  const text = `${verb}: [${alert.severity}] ${alert.title} by ${alert.actor.kind} ${alert.actor.value}`;
  const fields = [
    `*Severity*\n${alert.severity}`,
    `*Actor*\n${alert.actor.kind} \`${alert.actor.value}\``,
    `*Events*\n${alert.count}`,
    `*Seen*\n${new Date(alert.firstSeen).toISOString()} → ${new Date(alert.lastSeen).toISOString()}`,
  ];
  return {
    text: escapeMrkdwn(text),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${ICON[alert.severity]} *${escapeMrkdwn(`${verb}: ${alert.title}`)}*\n${escapeMrkdwn(summary)}`,
        },
      },
      { type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: escapeMrkdwn(f) })) },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: escapeMrkdwn(
              `${alert.detector} · ${alert.owasp ?? ''} · targets: ${alert.targets.join(', ')} · alert ${alert.id}`,
            ),
          },
        ],
      },
    ],
  };
}

function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').slice(0, 2900);
}

import type { Alert } from '@rampart/core';
import { type AttackKind, EXPECTED_DETECTOR, type LabelledTraffic } from './generate-labelled-traffic.js';

/** How one detector did on labelled traffic. */
export interface DetectorScore {
  readonly detector: string;
  readonly alerts: number;
  /** Alerts whose evidence is mostly attack events (of any kind). */
  readonly truePositives: number;
  readonly falsePositives: number;
  /** truePositives / alerts (1 when there were no alerts). */
  readonly precision: number;
  /** Attack instances this detector is meant to catch. */
  readonly attacks: number;
  /** Of those, how many raised at least one alert of this detector with one of their events as evidence. */
  readonly detected: number;
  /** detected / attacks (undefined when it is meant to catch none). */
  readonly recall: number | undefined;
  /** Simulated ms from attack start to the first alert, per detected attack. */
  readonly latenciesMs: readonly number[];
  /** Attacks of other kinds this detector also alerted on (a bonus, not counted in recall). */
  readonly alsoDetected: readonly string[];
  /** The false-positive alerts, for tuning. */
  readonly falseAlerts: readonly Alert[];
}

/**
 * Scores alerts against the generator's ground truth. An alert is a true positive when at least half of its
 * evidence events are attack events; recall is per attack instance (did the detector meant for it raise an alert
 * citing one of its events); latency is from the instance's first event to that alert's first signal.
 */
export function scoreDetections(
  traffic: LabelledTraffic,
  alerts: readonly Alert[],
  detectors: readonly string[],
): DetectorScore[] {
  const kindOf = new Map(traffic.attacks.map((a) => [a.id, a.kind] as [string, AttackKind]));
  const startOf = new Map(traffic.attacks.map((a) => [a.id, a.start]));
  return detectors.map((detector) => {
    const mine = alerts.filter((a) => a.detector === detector);
    const firstAlert = new Map<string, number>();
    const falseAlerts: Alert[] = [];
    let truePositives = 0;
    for (const alert of mine) {
      const attackIds = alert.evidenceEventIds.map((id) => traffic.labels.get(id));
      const malicious = attackIds.filter((a) => a !== undefined).length;
      if (malicious * 2 >= attackIds.length && malicious > 0) truePositives++;
      else falseAlerts.push(alert);
      for (const attack of new Set(attackIds)) {
        if (attack === undefined) continue;
        const previous = firstAlert.get(attack);
        if (previous === undefined || alert.firstSeen < previous) firstAlert.set(attack, alert.firstSeen);
      }
    }
    const meant = traffic.attacks.filter((a) => EXPECTED_DETECTOR[a.kind] === detector);
    const detected = meant.filter((a) => firstAlert.has(a.id));
    const alsoDetected = [...firstAlert.keys()].filter(
      (id) => EXPECTED_DETECTOR[kindOf.get(id)!] !== detector,
    );
    return {
      detector,
      alerts: mine.length,
      truePositives,
      falsePositives: mine.length - truePositives,
      precision: mine.length === 0 ? 1 : truePositives / mine.length,
      attacks: meant.length,
      detected: detected.length,
      recall: meant.length === 0 ? undefined : detected.length / meant.length,
      latenciesMs: detected.map((a) => Math.max(0, firstAlert.get(a.id)! - startOf.get(a.id)!)),
      alsoDetected,
      falseAlerts,
    };
  });
}

export type { AggregationResult, AlertAggregator } from './create-alert-aggregator.js';
export { createAlertAggregator } from './create-alert-aggregator.js';
export type { DetectorStats, Monitor, MonitorOptions, MonitorStats } from './create-monitor.js';
export { createMonitor } from './create-monitor.js';
export type { ResolvedRoute, RouteResolver } from './create-route-resolver.js';
export { createRouteResolver } from './create-route-resolver.js';
export type { AnyDetector, Detector, DetectorContext, DetectorInstance } from './define-detector.js';
export { defineDetector } from './define-detector.js';
export type { DetectionSignal } from './detection-signal.js';
export { DETECTORS } from './detector-list.js';
export type { BolaEnumerationOptions } from './detectors/bola-enumeration.js';
export { bolaEnumeration } from './detectors/bola-enumeration.js';
export type { CredentialStuffingOptions } from './detectors/credential-stuffing.js';
export { credentialStuffing } from './detectors/credential-stuffing.js';
export type { ExfiltrationOptions } from './detectors/exfiltration.js';
export { exfiltration } from './detectors/exfiltration.js';
export type { InjectionOptions } from './detectors/injection.js';
export { injection } from './detectors/injection.js';
export type { PositiveModelOptions } from './detectors/positive-model.js';
export { positiveModel } from './detectors/positive-model.js';
export type { ScanningOptions } from './detectors/scanning.js';
export { scanning } from './detectors/scanning.js';
export type { ScrapingOptions } from './detectors/scraping.js';
export { scraping } from './detectors/scraping.js';
export type { ShadowEndpointOptions } from './detectors/shadow-endpoint.js';
export { shadowEndpoint } from './detectors/shadow-endpoint.js';
export type { TokenMisuseOptions } from './detectors/token-misuse.js';
export { tokenMisuse } from './detectors/token-misuse.js';
export { zombieEndpoint } from './detectors/zombie-endpoint.js';
export { formatActorKey } from './format-actor-key.js';
export type { MonitorLimits, ResolvedMonitorLimits } from './monitor-limits.js';
export { NO_SIGNALS } from './no-signals.js';
export { resolveEventActor } from './resolve-event-actor.js';
export type { ActorAllowlist, ActorAllowlistOptions } from './response/create-actor-allowlist.js';
export { createActorAllowlist } from './response/create-actor-allowlist.js';
export type {
  BlocklistEntry,
  MemoryBlocklist,
  MemoryBlocklistOptions,
} from './response/create-memory-blocklist.js';
export { createMemoryBlocklist } from './response/create-memory-blocklist.js';
export type { ResponderOptions } from './response/create-responder.js';
export { createResponder } from './response/create-responder.js';
export type { Responder, ResponseAction } from './response/responder.js';
export type { AlertChange, AlertSink, AlertSinkStats } from './sinks/alert-sink.js';
export type { JsonLinesSinkOptions } from './sinks/create-json-lines-sink.js';
export { createJsonLinesSink } from './sinks/create-json-lines-sink.js';
export type { SyslogSinkOptions } from './sinks/create-syslog-sink.js';
export { createSyslogSink } from './sinks/create-syslog-sink.js';
export type { WebhookSinkOptions } from './sinks/create-webhook-sink.js';
export { createWebhookSink } from './sinks/create-webhook-sink.js';
export type { CefProduct } from './sinks/format-cef-message.js';
export { formatCefMessage } from './sinks/format-cef-message.js';
export type { SlackMessage } from './sinks/format-slack-message.js';
export { formatSlackMessage } from './sinks/format-slack-message.js';
export type { SyslogHeader } from './sinks/format-syslog-message.js';
export { formatSyslogMessage } from './sinks/format-syslog-message.js';
export type { CountMinSketch } from './state/create-count-min-sketch.js';
export { createCountMinSketch } from './state/create-count-min-sketch.js';
export type { Ewma } from './state/create-ewma.js';
export { createEwma } from './state/create-ewma.js';
export type { HyperLogLog } from './state/create-hyperloglog.js';
export { createHyperLogLog } from './state/create-hyperloglog.js';
export type { LruMap } from './state/create-lru-map.js';
export { createLruMap } from './state/create-lru-map.js';
export type { SlidingWindowCounter } from './state/create-sliding-window-counter.js';
export { createSlidingWindowCounter } from './state/create-sliding-window-counter.js';
export type { WindowedCountMinSketch } from './state/create-windowed-count-min-sketch.js';
export { createWindowedCountMinSketch } from './state/create-windowed-count-min-sketch.js';
export type {
  WindowedDistinctCounter,
  WindowedDistinctCounterOptions,
} from './state/create-windowed-distinct-counter.js';
export { createWindowedDistinctCounter } from './state/create-windowed-distinct-counter.js';
export { templatizePath } from './templatize-path.js';
export { BANK_API_DESCRIPTION } from './eval/bank-api-description.js';
export type { Random } from './eval/create-random.js';
export { createRandom } from './eval/create-random.js';
export type {
  AttackInstance,
  AttackKind,
  LabelledTraffic,
  TrafficOptions,
} from './eval/generate-labelled-traffic.js';
export { EXPECTED_DETECTOR, generateLabelledTraffic } from './eval/generate-labelled-traffic.js';
export type { DetectorScore } from './eval/score-detections.js';
export { scoreDetections } from './eval/score-detections.js';
export type {
  Collector,
  CollectorOptions,
  CollectorStats,
  RejectedEvent,
} from './collector/create-collector.js';
export { createCollector } from './collector/create-collector.js';
export { hashSensorToken } from './collector/hash-sensor-token.js';
export type { EventValidation } from './collector/validate-api-event.js';
export { validateApiEvent } from './collector/validate-api-event.js';
export type {
  ClassifyEventOptions,
  DataLocation,
  EventClassification,
  EventDataMatch,
} from './classify/classify-event.js';
export { classifyEvent } from './classify/classify-event.js';
export type { EventClassifier, EventClassifierOptions } from './classify/create-event-classifier.js';
export { createEventClassifier } from './classify/create-event-classifier.js';
export type { FieldNameHint } from './classify/classify-field-name.js';
export { classifyFieldName } from './classify/classify-field-name.js';
export type { ClassifyJsonOptions } from './classify/classify-json.js';
export { classifyJson } from './classify/classify-json.js';
export type { ClassifyTextOptions } from './classify/classify-text.js';
export { classifyText } from './classify/classify-text.js';
export type { ClassifyValueOptions } from './classify/classify-value.js';
export { classifyValue } from './classify/classify-value.js';
export type { DataClass, DataClassMatch } from './classify/data-class.js';
export { DATA_CLASSES } from './classify/data-class.js';
export { isLuhnValid } from './classify/is-luhn-valid.js';
export type { Inventory, InventoryOptions } from './inventory/create-inventory.js';
export { createInventory } from './inventory/create-inventory.js';
export { diffInventory } from './inventory/diff-inventory.js';
export type { ApiKeyPlacement, AuthSeen } from './inventory/endpoint-stats.js';
export type { InventoryLimits, ResolvedInventoryLimits } from './inventory/inventory-limits.js';
export type {
  EndpointSnapshot,
  InventoryDiff,
  InventorySnapshot,
  ParameterSnapshot,
  ParameterType,
  RequestBodySnapshot,
  ResponseSnapshot,
  ShadowEndpoint,
  UndocumentedParameter,
  UndocumentedStatus,
  UnseenOperation,
  ZombieEndpoint,
} from './inventory/inventory-snapshot.js';
export type { ToOpenApiOptions } from './inventory/to-open-api.js';
export { toOpenApi } from './inventory/to-open-api.js';

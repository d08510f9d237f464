export type { InjectionInspector, InjectionInspectorOptions } from './create-injection-inspector.js';
export { createInjectionInspector } from './create-injection-inspector.js';
export type { InjectionClass } from './injection-class.js';
export { INJECTION_CLASSES, isInjectionClass } from './injection-class.js';
export type { InjectionHit } from './injection-hit.js';
export type { InspectInput } from './inspect-input.js';

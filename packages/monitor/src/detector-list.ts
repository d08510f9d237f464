import type { AnyDetector } from './define-detector.js';
import { bolaEnumeration } from './detectors/bola-enumeration.js';
import { credentialStuffing } from './detectors/credential-stuffing.js';
import { exfiltration } from './detectors/exfiltration.js';
import { injection } from './detectors/injection.js';
import { positiveModel } from './detectors/positive-model.js';
import { scanning } from './detectors/scanning.js';
import { scraping } from './detectors/scraping.js';
import { shadowEndpoint } from './detectors/shadow-endpoint.js';
import { tokenMisuse } from './detectors/token-misuse.js';
import { zombieEndpoint } from './detectors/zombie-endpoint.js';

/** Every built-in detector, in the order they run. Adding a detector means adding its file and a line here. */
export const DETECTORS: readonly AnyDetector[] = Object.freeze([
  injection,
  bolaEnumeration,
  credentialStuffing,
  tokenMisuse,
  scanning,
  scraping,
  exfiltration,
  positiveModel,
  shadowEndpoint,
  zombieEndpoint,
]);

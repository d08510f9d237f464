import { commandDetector } from './detectors/detect-command.js';
import { crlfDetector } from './detectors/detect-crlf.js';
import { deserializationDetector } from './detectors/detect-deserialization.js';
import { jndiDetector } from './detectors/detect-jndi.js';
import { ldapDetector } from './detectors/detect-ldap.js';
import { nosqliDetector } from './detectors/detect-nosqli.js';
import { pathTraversalDetector } from './detectors/detect-path-traversal.js';
import { phpDetector } from './detectors/detect-php.js';
import { sqliDetector } from './detectors/detect-sqli.js';
import { ssrfDetector } from './detectors/detect-ssrf.js';
import { templateDetector } from './detectors/detect-template.js';
import { xssDetector } from './detectors/detect-xss.js';
import { xxeDetector } from './detectors/detect-xxe.js';
import type { InjectionDetector } from './injection-detector.js';

/** The registry: one detector per injection class, listed explicitly (never discovered). */
export const INJECTION_DETECTORS: readonly InjectionDetector[] = Object.freeze([
  sqliDetector,
  nosqliDetector,
  xssDetector,
  commandDetector,
  pathTraversalDetector,
  ssrfDetector,
  templateDetector,
  jndiDetector,
  crlfDetector,
  deserializationDetector,
  ldapDetector,
  xxeDetector,
  phpDetector,
]);

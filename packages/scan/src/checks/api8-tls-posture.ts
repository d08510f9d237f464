import { createTlsPostureCheck } from '../tls/create-tls-posture-check.js';

/** TLS and host posture of https targets, trusting the system's roots (see `createTlsPostureCheck`). */
export const api8TlsPosture = createTlsPostureCheck();

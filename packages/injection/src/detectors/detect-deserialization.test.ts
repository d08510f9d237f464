import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string, location = 'cookie.session') =>
  inspector.inspectValue(value, location).some((h) => h.class === 'deserialization');

describe('deserialization detector', () => {
  it.each([
    'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3Rvcg',
    'aced00057372001',
    'O:8:"stdClass":1:{s:1:"a";s:1:"b";}',
    'O:+8:"stdClass":0:{}',
    'AAEAAAD/////AQAAAAAAAAAMAgAAAF',
    '{"$type":"System.Windows.Data.ObjectDataProvider, PresentationFramework","MethodName":"Start"}',
    '{"@type":"com.sun.rowset.JdbcRowSetImpl","dataSourceName":"ldap://x/a"}',
    "cos\nsystem\n(S'id'\ntR.",
    'gASVIAAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjAJpZJSFlFKULg==',
    '!!python/object/apply:os.system ["id"]',
    'org.apache.commons.collections.functors.InvokerTransformer',
    'java.lang.Runtime',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each([
    'java.lang.NullPointerException at com.example.App.main(App.java:10)',
    'I drink java in the morning',
    'a:b:c',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc',
    'O:8 is my seat',
  ])('does not fire on %j', (value) => {
    expect(fires(value, 'body./text')).toBe(false);
  });
});

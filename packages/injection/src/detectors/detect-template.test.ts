import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string) =>
  inspector.inspectValue(value, 'body./name').some((h) => h.class === 'template');

describe('template detector', () => {
  it.each([
    '{{7*7}}',
    "{{7*'7'}}",
    '{{config.__class__.__init__.__globals__}}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    '{{constructor.constructor("alert(1)")()}}',
    '${7*7}',
    '${T(java.lang.Runtime).getRuntime().exec("id")}',
    '#{7*7}',
    '<%= 7*7 %>',
    '<%= `id` %>',
    '%{(#_memberAccess["allowStaticMethodAccess"]=true)}',
    '<#assign ex="freemarker.template.utility.Execute"?new()>${ex("id")}',
    '{% import os %}{{ os.popen("id").read() }}',
    '%7B%7B7*7%7D%7D',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each([
    'Use {{name}} to insert the customer name',
    '{{ order.total }}',
    'Hello ${HOME}',
    '{ "a": { "b": 1 } }',
    '50% {off} today',
    'const url = `${base}/users/${id}`;',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });
});

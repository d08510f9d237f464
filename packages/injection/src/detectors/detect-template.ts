import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

const DUNDER = /__[a-z]{2,20}__/;
const ARITHMETIC = /\d\s*[*+/%-]\s*\d|\d\s*\*\s*['"]/;
const CALL = /[a-z0-9_)\]]\s*\(/;
const JAVA_REACH =
  /\bt\s*\(\s*java|@java\.|java\.lang|\.getclass\s*\(|\.forname\s*\(|getruntime|processbuilder|\.exec\s*\(|new\s+java|\.newinstance|classloader|\.getmethod\s*\(|_memberaccess|@ognl|ognlcontext|\?new\s*\(|freemarker\.template|\.invoke\s*\(/;
const SANDBOX_ESCAPE =
  /\b(?:constructor|prototype|lipsum|cycler|joiner|namespace|_self|getattribute|mro|subclasses|globals|builtins|popen|os\.system|import|config|request\.application|self\._templatereference)\b/;
const LOG4J_PREFIX =
  /^\s*(?:jndi|env|sys|java|lower|upper|date|ctx|main|map|marker|bundle|docker|k8s|log4j|spring|base64|web|sd|::-)\s*:/;

function scoreExpression(inner: string, kind: 'mustache' | 'dollar' | 'hash' | 'statement'): number {
  if (DUNDER.test(inner) || JAVA_REACH.test(inner)) return 0.95;
  const sandboxEscape = SANDBOX_ESCAPE.test(inner);
  const call = CALL.test(inner);
  if (sandboxEscape && (call || inner.includes('['))) return 0.9;
  if (ARITHMETIC.test(inner)) return kind === 'dollar' ? 0.8 : 0.9;
  if (/\|\s*attr\s*\(|\|\s*safe\b|\|\s*join\b|\|\s*e\b/.test(inner)) return 0.85;
  if (sandboxEscape) return 0.6;
  if (call) return kind === 'dollar' ? 0.55 : 0.75;
  return kind === 'statement' ? 0.5 : 0.25;
}

/** Each `open … close` span (bounded length), yielded as [start, inner]. */
function* spans(lower: string, open: string, close: string): Generator<[number, string]> {
  let from = 0;
  for (let n = 0; n < 32; n++) {
    const start = lower.indexOf(open, from);
    if (start < 0) return;
    const end = lower.indexOf(close, start + open.length);
    if (end < 0 || end - start > 400) {
      from = start + open.length;
      continue;
    }
    yield [start, lower.slice(start + open.length, end)];
    from = end + close.length;
  }
}

/**
 * Server-side template and expression-language injection. Finds the delimiters of the common engines —
 * `{{…}}` (Jinja2, Twig, Handlebars, AngularJS), `${…}` (FreeMarker, EL, SpEL, Velocity), `#{…}` (Ruby, JSF EL),
 * `*{…}`/`@{…}` (Thymeleaf), `<%…%>` (ERB, JSP, EJS), `{%…%}` (Jinja2/Twig statements), `%{…}` (OGNL),
 * `<#…>` (FreeMarker directives) — and scores what is inside: reaching Java classes, Python dunders or sandbox
 * escapes is high, arithmetic probes (`{{7*7}}`) are high, function calls medium, and a bare variable
 * (`{{name}}` in a Mustache docs page, `${HOME}`) only 0.25, below every paranoia level.
 */
export const templateDetector: InjectionDetector = {
  class: 'template',
  triggers: CharClass.BRACE | CharClass.ANGLE,
  prefilter: (lower) => lower.includes('#set') || lower.includes('#foreach') || lower.includes('$class'),
  detect(text, lower) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      if (score > 0) best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    for (const [at, inner] of spans(lower, '{{', '}}'))
      take(scoreExpression(inner, 'mustache'), 'template-mustache', at);
    for (const open of ['${', '#{', '*{', '@{']) {
      for (const [at, inner] of spans(lower, open, '}')) {
        if (open === '${' && LOG4J_PREFIX.test(inner)) continue;
        take(scoreExpression(inner, open === '${' ? 'dollar' : 'hash'), 'template-expression', at);
      }
    }
    for (const [at, inner] of spans(lower, '%{', '}')) {
      if (/^\s*[(#@]/.test(inner)) take(0.9, 'template-ognl', at);
    }
    for (const [at, inner] of spans(lower, '<%', '%>')) {
      if (inner.trim() !== '')
        take(Math.max(0.8, scoreExpression(inner, 'statement')), 'template-scriptlet', at);
    }
    for (const [at, inner] of spans(lower, '{%', '%}')) {
      const keyword =
        /^\s*-?\s*(?:import|include|extends|set|for|if|macro|call|load|debug|print|from|with|raw|block)\b/.test(
          inner,
        );
      take(Math.max(keyword ? 0.6 : 0.4, scoreExpression(inner, 'statement')), 'template-statement', at);
    }
    const directive =
      /<#(?:assign|include|import|list|if|macro|function|global|local|setting)\b|#set\s*\(|#foreach\s*\(|\$class\.|\{php\}|\{\$smarty\b|\{system\s*\(/.exec(
        lower,
      );
    if (directive !== null) take(0.8, 'template-directive', directive.index);
    if (/\?new\s*\(\s*\)|\?api\./.test(lower)) take(0.9, 'template-freemarker-new', lower.indexOf('?'));
    return best;
  },
};

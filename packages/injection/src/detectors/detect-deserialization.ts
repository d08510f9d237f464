import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/** Classes used by published deserialization gadget chains and Java code-execution payloads (lower case). */
const GADGETS =
  /invokertransformer|instantiatetransformer|chainedtransformer|constanttransformer|instantiatefactory|invokerfactory|templatesimpl|jdbcrowsetimpl|annotationinvocationhandler|badattributevalueexpexception|beancomparator|transformedmap|lazymap\b|objectinputstream|processbuilder|getruntime|java\.lang\.runtime|java\.[a-z.]*\.?runtime\b|scriptenginemanager|urlclassloader|methodclosure|convertedclosure|org\.apache\.commons\.collections|com\.sun\.org\.apache\.xalan|com\.sun\.rowset|javax\.script|javax\.naming|javax\.management|java\.rmi|sun\.rmi|com\.sun\.jndi|org\.springframework\.beans\.factory|c3p0|org\.codehaus\.groovy\.runtime|clojure\.core|com\.mchange/;

/** A fully qualified JDK class (not an exception or error, which stack traces carry legitimately). */
const JDK_CLASS = /\bjava\.(?:lang|io|net|nio|beans|security|lang\.reflect)\.([a-z0-9_$]+)/g;

const DESERIALIZATION_HINT =
  /ro0ab|aced0005|\xac\xed|[oca]:\+?\d+:|aaeaaad|\$type|@type|gasv|ganj|gajj|c(?:os|posix|subprocess|__builtin__|builtins|nt)\n|!!|!ruby|tag:yaml|java|transformer|templatesimpl|processbuilder|getruntime|objectinputstream|scriptengine|classloader|closure|\.collections|rowset|xalan|c3p0|mchange|annotationinvocation/;

/**
 * Serialized objects and gadget classes: Java serialization (base64 `rO0AB`, hex `aced0005`, raw magic bytes),
 * PHP `serialize()` objects (`O:8:"stdClass":…`), .NET BinaryFormatter (`AAEAAAD/////`) and Json.NET `$type`
 * payloads, Fastjson/Jackson `@type`, Python pickle (`cos\nsystem`, base64 `gASV`), unsafe YAML tags
 * (`!!python/object`, `!!javax.script…`), and the class names of known gadget chains (`InvokerTransformer`,
 * `TemplatesImpl`, `ProcessBuilder`, `java.lang.Runtime`). Any other JDK class name scores 0.7.
 */
export const deserializationDetector: InjectionDetector = {
  class: 'deserialization',
  triggers: 0,
  prefilter: (lower) => DESERIALIZATION_HINT.test(lower),
  detect(text, lower) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    const java = text.search(/rO0AB[A-Za-z0-9+/]|\xac\xed\x00\x05/);
    if (java >= 0) take(0.95, 'deserialization-java', java);
    else if (lower.includes('aced0005')) take(0.9, 'deserialization-java', lower.indexOf('aced0005'));
    const php = /(?:^|[;{]|\s)[oc]:\+?\d{1,4}:"[a-z_\\][a-z0-9_\\]{0,200}":\d{1,4}:\{/.exec(lower);
    if (php !== null) take(0.95, 'deserialization-php', php.index);
    else if (/^a:\d{1,4}:\{(?:[isbdn][:;]|\})/.test(lower)) take(0.75, 'deserialization-php', 0);
    if (text.includes('AAEAAAD/////')) take(0.95, 'deserialization-dotnet', text.indexOf('AAEAAAD/////'));
    const dotnet = /["']\$type["']\s*:\s*["'][a-z0-9_.`[\]]+,\s*[a-z0-9_.]+/.exec(lower);
    if (dotnet !== null) take(0.9, 'deserialization-dotnet', dotnet.index);
    if (
      /system\.(?:windows\.data\.objectdataprovider|diagnostics\.process|management\.automation)/.test(lower)
    )
      take(0.9, 'deserialization-dotnet', 0);
    const typed = /["']@type["']\s*:\s*["'][a-z]/.exec(lower);
    if (typed !== null) take(0.85, 'deserialization-java-json-type', typed.index);
    const pickle =
      /(?:^|\n|\()c(?:os|posix|nt|subprocess|__builtin__|builtins|commands|pty|socket)\n[a-z_]+\n/.exec(
        lower,
      );
    if (pickle !== null) take(0.95, 'deserialization-pickle', pickle.index);
    if (/^(?:gasv|ganj|gajj|gaj9|gan9)/i.test(text.trim())) take(0.85, 'deserialization-pickle', 0);
    const yaml =
      /!!(?:python\/(?:object|name|module|apply)|javax?\.|com\.sun|org\.|java\/|ruby\/)|!ruby\/(?:object|hash)|tag:yaml\.org,2002:python\//.exec(
        lower,
      );
    if (yaml !== null) take(0.9, 'deserialization-yaml-tag', yaml.index);
    const gadget = GADGETS.exec(lower);
    if (gadget !== null) take(0.85, 'deserialization-gadget-class', gadget.index);
    if (lower.includes('java.')) {
      for (const m of lower.matchAll(JDK_CLASS)) {
        const name = m[1] as string;
        if (/(?:exception|error|throwable)$/.test(name)) continue;
        take(0.7, 'deserialization-jdk-class', m.index);
        break;
      }
    }
    return best;
  },
};

import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/**
 * XML external entities and XInclude: a parameter entity (`<!ENTITY % …`), an entity with a `SYSTEM`/`PUBLIC`
 * identifier, an internal DOCTYPE subset declaring entities, an external DTD, or an XInclude element.
 * A plain `<?xml …?>` declaration or an ordinary XML document does not fire.
 */
export const xxeDetector: InjectionDetector = {
  class: 'xxe',
  triggers: 0,
  prefilter: (lower) => lower.includes('<!') || lower.includes('xinclude') || lower.includes('xi:include'),
  detect(text, lower) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    const entity = lower.indexOf('<!entity');
    if (entity >= 0) {
      const decl = lower.slice(entity, entity + 400);
      if (/^<!entity\s+%/.test(decl)) take(0.95, 'xxe-parameter-entity', entity);
      else if (/^<!entity\s+[^\s>]+\s+(?:system|public)\b/.test(decl))
        take(0.95, 'xxe-external-entity', entity);
      else take(0.75, 'xxe-entity-declaration', entity);
    }
    const doctype = lower.indexOf('<!doctype');
    if (doctype >= 0) {
      const decl = lower.slice(doctype, doctype + 400);
      if (
        /^<!doctype\s+[^\s>[]+\s+(?:system|public)\s/.test(decl) &&
        !/^<!doctype\s+html\s+public\s+["']-\/\/w3c\/\/dtd/.test(decl)
      )
        take(0.8, 'xxe-external-dtd', doctype);
      else if (decl.includes('[')) take(0.6, 'xxe-internal-subset', doctype);
    }
    const xinclude = lower.search(/xi:include|xmlns:\w+\s*=\s*["']http:\/\/www\.w3\.org\/2001\/xinclude/);
    if (xinclude >= 0) take(0.85, 'xxe-xinclude', xinclude);
    return best;
  },
};

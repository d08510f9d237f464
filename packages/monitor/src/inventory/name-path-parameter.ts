import { isVersionSegment } from './infer-segment-kind.js';

/**
 * The name of a path parameter, from the literal segment before it and the kind of values seen in it:
 * `/users/123` → `userId`, `/categories/{…}` → `categoryId`, `/reports/2024-01-01` → `reportDate`,
 * `/people/a@b.c` → `personEmail`, merged words (`/files/report`) → `fileName`. Without a usable previous
 * segment (a parameter, a version, nothing), just `id`, `date`, `email` or `name`.
 */
export function namePathParameter(
  previous: string | undefined,
  kind: 'id' | 'date' | 'email' | 'name',
): string {
  const suffix = kind === 'id' ? 'Id' : kind === 'date' ? 'Date' : kind === 'email' ? 'Email' : 'Name';
  if (
    previous === undefined ||
    previous.length === 0 ||
    isVersionSegment(previous) ||
    !/^[A-Za-z]/.test(previous)
  ) {
    return kind;
  }
  const words = previous
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return kind;
  words[words.length - 1] = singularize(words[words.length - 1]!);
  const camel = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  return camel.length > 40 ? kind : camel + suffix;
}

const IRREGULAR: Readonly<Record<string, string>> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
};

function singularize(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length > 3 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 2 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us'))
    return word.slice(0, -1);
  return word;
}

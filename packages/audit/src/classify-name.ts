/**
 * Classifies property, parameter and path-segment names by what they usually carry. Names are split into words
 * (`camelCase`, `snake_case`, `kebab-case`, `dot.case`) and matched word-wise, so `shipping` is not a `pin` and
 * `userId` is an object id.
 */

const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 50_000;

/** Lower-case words of an identifier: `passwordHash` → `['password', 'hash']`, `API_KEY` → `['api', 'key']`. */
export function splitWords(name: string): string[] {
  return [...wordsOf(name)];
}

/**
 * `splitWords` without the copy: the cached, frozen word list, for hot paths that only read it. Internal (not
 * exported from the package).
 */
export function wordsOf(name: string): readonly string[] {
  // Rules classify the same few thousand names over and over; the regexes below dominate profiles otherwise.
  let words = wordCache.get(name);
  if (words === undefined) {
    words = Object.freeze(computeWords(name));
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(name, words);
  }
  return words;
}

const joinedCache = new Map<string, string>();

/** `wordsOf(name).join('')`, cached: most classifiers match the joined words. Internal. */
export function joinedWordsOf(name: string): string {
  let j = joinedCache.get(name);
  if (j === undefined) {
    j = wordsOf(name).join('');
    if (joinedCache.size >= WORD_CACHE_LIMIT) joinedCache.clear();
    joinedCache.set(name, j);
  }
  return j;
}

function computeWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Caches a name classifier: real documents repeat the same few thousand names across thousands of schemas. */
function cachedByName<R>(classify: (name: string) => R): (name: string) => R {
  const cache = new Map<string, R>();
  return (name) => {
    if (cache.has(name)) return cache.get(name) as R;
    const result = classify(name);
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(name, result);
    return result;
  };
}

/** Names whose value is an object identifier: `id`, `userId`, `account_id`, `uuid`, `orderNumber`… */
export function isObjectIdName(name: string): boolean {
  return isObjectIdNameCached(name);
}

const isObjectIdNameCached = cachedByName((name: string): boolean => {
  const words = wordsOf(name);
  const last = words.at(-1);
  if (last === undefined) return false;
  if (['id', 'ids', 'uuid', 'guid', 'key', 'slug'].includes(last)) return words.length > 1 || last !== 'key';
  if (last === 'number' || last === 'no' || last === 'num') {
    return (
      words.length > 1 &&
      ['account', 'order', 'invoice', 'customer', 'card', 'policy', 'ticket', 'case'].includes(
        words[words.length - 2] ?? '',
      )
    );
  }
  return false;
});

/** Object-id names that express ownership or tenancy: `userId`, `ownerId`, `accountId`, `tenantId`, `orgId`. */
export function isOwnershipName(name: string): boolean {
  return isOwnershipNameCached(name);
}

const isOwnershipNameCached = cachedByName((name: string): boolean => {
  const words = wordsOf(name);
  if (words.length < 2 || !['id', 'uuid', 'guid'].includes(words.at(-1) ?? '')) return false;
  const subject = words.slice(0, -1).join('');
  return /^(user|owner|account|tenant|org|organization|organisation|customer|member|company|team|workspace|creator|author|client|merchant|profile|group|project)$/.test(
    subject,
  );
});

const PRIVILEGED = new Set([
  'role',
  'roles',
  'isadmin',
  'admin',
  'isstaff',
  'staff',
  'superuser',
  'issuperuser',
  'permission',
  'permissions',
  'privilege',
  'privileges',
  'scope',
  'scopes',
  'group',
  'groups',
  'balance',
  'credit',
  'credits',
  'price',
  'amountpaid',
  'discount',
  'verified',
  'isverified',
  'emailverified',
  'approved',
  'isapproved',
  'tier',
  'plan',
  'level',
  'accesslevel',
  'ownerid',
  'tenantid',
  'status',
  'isactive',
  'enabled',
  'locked',
  'islocked',
  'banned',
  'kyc',
  'kycstatus',
  'limit',
  'creditlimit',
  'quota',
  'userrole',
  'usertype',
  'accounttype',
]);

/** Names of properties a client should never be able to set on itself (mass-assignment targets). */
export function isPrivilegedName(name: string): boolean {
  return isPrivilegedNameCached(name);
}

const isPrivilegedNameCached = cachedByName((name: string): boolean => {
  return PRIVILEGED.has(joinedWordsOf(name));
});

const SENSITIVE_JOINED = [
  /^pass(word|wd|phrase)?(hash|digest|salt)?$/,
  /^(hashed|encrypted)?password$/,
  /^pwd(hash)?$/,
  /^salt$/,
  /^secret$/,
  /^(client|api|shared|signing|private|totp|mfa|otp)(secret|key)$/,
  /^apikey$/,
  /^(access|refresh|id|session|auth|reset|verification|bearer|csrf)?token$/,
  /^ssn$/,
  /^socialsecuritynumber$/,
  /^(national|tax|passport|drivers?license)(id|number|no)?$/,
  /^(card|credit|debit)(card)?(number|no|num)$/,
  /^pan$/,
  /^cvv2?$/,
  /^cvc2?$/,
  /^cardsecuritycode$/,
  /^iban$/,
  /^(bank)?accountnumber$/,
  /^routingnumber$/,
  /^(dob|dateofbirth|birthdate|birthday)$/,
  /^privatekey$/,
  /^pin(code)?$/,
  /^(otp|totp|mfa)(code|seed)?$/,
  /^securityanswer$/,
];

/**
 * Names of properties that carry credentials, secrets or regulated personal data (passwords and their hashes,
 * tokens, keys, national ids, card numbers, bank accounts, dates of birth). Returns the class, or undefined.
 */
export function classifySensitiveName(
  name: string,
): 'credential' | 'secret' | 'government-id' | 'payment' | 'bank' | 'birth-date' | undefined {
  return classifySensitiveNameCached(name);
}

const classifySensitiveNameCached = cachedByName(
  (
    name: string,
  ): 'credential' | 'secret' | 'government-id' | 'payment' | 'bank' | 'birth-date' | undefined => {
    const j = joinedWordsOf(name);
    if (!SENSITIVE_JOINED.some((re) => re.test(j))) return undefined;
    if (/pass|pwd|salt|pin|otp|totp|mfa|securityanswer/.test(j)) return 'credential';
    if (/ssn|social|national|tax|passport|license/.test(j)) return 'government-id';
    if (/card|pan|cvv|cvc/.test(j)) return 'payment';
    if (/iban|account|routing/.test(j)) return 'bank';
    if (/dob|birth/.test(j)) return 'birth-date';
    return 'secret';
  },
);

/** Names of inputs that usually carry a URL the server will fetch or redirect to (SSRF / open-redirect candidates). */
export function isUrlLikeName(name: string): boolean {
  return isUrlLikeNameCached(name);
}

const isUrlLikeNameCached = cachedByName((name: string): boolean => {
  const words = wordsOf(name);
  const j = words.join('');
  if (
    words.some((w) =>
      ['url', 'uri', 'href', 'webhook', 'callback', 'redirect', 'endpoint', 'feed'].includes(w),
    )
  ) {
    return true;
  }
  return /^(returnto|next|dest|destination|target|continue|host|hostname|domain|site|link|src|source|image|avatar|proxy|fetch|remote)(url|uri)?$/.test(
    j,
  );
});

/** Names of inputs that redirect the user after an action (open-redirect candidates). */
export function isRedirectLikeName(name: string): boolean {
  return isRedirectLikeNameCached(name);
}

const isRedirectLikeNameCached = cachedByName((name: string): boolean => {
  const j = joinedWordsOf(name);
  return /^(redirect|redirecturi|redirecturl|returnurl|returnto|return|next|nexturl|continue|dest|destination|goto|callbackurl|successurl|cancelurl|failureurl)$/.test(
    j,
  );
});

/** Pagination-size inputs: `limit`, `per_page`, `pageSize`, `size`, `take`, `first`, `last`, `count`, `max`. */
export function isPageSizeName(name: string): boolean {
  return isPageSizeNameCached(name);
}

const isPageSizeNameCached = cachedByName((name: string): boolean => {
  const j = joinedWordsOf(name);
  return /^(limit|perpage|pagesize|size|take|first|last|count|max|maxresults|maxitems|top|rows|pagelimit|batchsize|numresults|results)$/.test(
    j,
  );
});

/**
 * Secrets that cannot be told apart from ordinary text: too short, or a word that SCIM documents,
 * messages or password lists are full of. Such a value is never replaced by value wherever it
 * appears (`password` would eat every attribute named so); it is replaced where it is used as a
 * credential: the exact header value the engine sent, and fields named like secrets.
 */

/** Shortest secret worth replacing by value wherever it appears. */
export const DISTINCTIVE_MIN_LENGTH = 8;

/** The most common passwords (the top of the public breach lists), lower-cased. */
const COMMON_PASSWORDS = `
123456 1234567 12345678 123456789 1234567890 12345 1234 123123 123321 654321 987654321 111111 11111111
000000 00000000 121212 131313 112233 159753 555555 666666 696969 777777 7777777 88888888 99999999
password password1 password12 password123 password! passw0rd p@ssw0rd p@ssword pa55word pa$$word passwort
qwerty qwerty1 qwerty12 qwerty123 qwertyui qwertyuiop azerty qwertz asdfgh asdfghjk asdfghjkl zxcvbn zxcvbnm
1qaz2wsx qazwsx 123qwe 1q2w3e4r 1q2w3e4r5t abc123 abc12345 abcd1234 abcdefg abcdefgh aaaaaa aaaaaaaa
admin admin1 admin123 admin1234 administrator root toor changeme changeit letmein letmein1 welcome welcome1
welcome123 default guest secret secret1 secret123 test test1 test123 testing tester demo demo123 sample
master login logon access iloveyou trustno1 sunshine princess dragon monkey shadow football baseball
soccer hockey superman batman starwars whatever freedom mustang michael jennifer jordan hunter hunter2
buster harley tigger charlie robert thomas daniel george computer michelle jessica pepper ginger joshua
cheese amanda summer ashley nicole chelsea matthew yankees dallas austin thunder taylor matrix killer
flower lovely loveme zaq12wsx qwer1234 asdf1234 pass1234 password2 p4ssword secure security
`;

/**
 * Words SCIM documents, HTTP messages and error texts are made of (attribute names, keywords,
 * schema vocabulary), and common English words of 8 letters and more, lower-cased.
 */
const WORDS = `
user users username group groups member members name names displayname display nickname email emails
value values type types work home other primary active inactive enabled disabled true false null none
resource resources resourcetype resourcetypes schema schemas attribute attributes subattributes
string boolean integer decimal datetime reference referencetypes complex binary readonly readwrite
immutable writeonly always never request returned server global unique uniqueness mutability required
optional caseexact canonicalvalues multivalued external externalid manager department organization
division employee employeenumber costcenter title locale timezone language preferredlanguage
profileurl usertype address addresses streetaddress street locality region country postalcode
formatted phone phonenumbers mobile photos photo thumbnail entitlements roles certificates
x509certificates bearer basic oauth oauthbearertoken httpbasic token tokens secret secrets credential
credentials authorization authentication authenticationschemes enterprise extension extensions
location version created lastmodified filter sortby sortorder ascending descending startindex count
itemsperpage totalresults listresponse patchop operations operation replace remove bulk error errors
status detail scimtype invalidfilter toomany invalidsyntax invalidpath notarget invalidvalue
invalidvers sensitive application content accept encoding example localhost sandbox service services
provider serviceproviderconfig config configuration supported changepassword maxresults maxoperations
maxpayloadsize description documentation documentationuri specuri endpoint endpoints inspector
system public private internal session account accounts customer customers company office contact
support network internet software hardware windows linux google microsoft azure okta entra github
hello world please unknown invalid unauthorized forbidden conflict response document information
available different important something everything anything question business original complete
continue national personal possible standard together yourself children building although consider
increase interest military position probably practice pressure problems property research southern
students thousand actually analysis approach argument commerce congress decision director economic
evidence exchange guidance industry majority material medicine movement multiple northern official
physical planning platform pleasure presence previous relation religion remember schedule shoulder
somebody specific strategy strength password passwords passphrase username usernames firstname lastname
givenname familyname middlename honorificprefix honorificsuffix birthday identity identifier
directory provisioning provision deprovision federation connector gateway scimgateway tenant
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december spring autumn winter
`;

const LIST = new Set(`${COMMON_PASSWORDS} ${WORDS}`.split(/\s+/).filter((w) => w !== ''));

const FORWARD_RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Every run forwards and backwards (checked for each value met in each exchange recorded). */
const RUNS = [...FORWARD_RUNS, ...FORWARD_RUNS.map((s) => [...s].reverse().join(''))];

/** Keyboard and counting runs, and one character repeated. */
function isRun(lower: string): boolean {
  if (/^(.)\1*$/.test(lower)) return true;
  return lower.length <= 26 && RUNS.some((s) => s.includes(lower));
}

/** Whether `value` (case aside) is on the list of common passwords and words. */
export function isCommonSecret(value: string): boolean {
  const lower = value.toLowerCase();
  return LIST.has(lower) || isRun(lower);
}

/**
 * Whether a secret can be replaced by value wherever it appears without eating ordinary text:
 * long enough, and not a common word or password.
 */
export function isDistinctive(value: string): boolean {
  return value.length >= DISTINCTIVE_MIN_LENGTH && !isCommonSecret(value);
}

/**
 * What to tell the user when they set `value` as a secret, if anything: a secret shorter than 8
 * characters, a common password or a dictionary word is easy to guess, and is replaced only where
 * it is used as a credential.
 */
export function weakSecretWarning(value: string): string | undefined {
  const consequence =
    'It is easy to guess, and it cannot be told apart from ordinary text: it is replaced where it is sent as a credential ' +
    '(the Authorization header, fields named like secrets), not everywhere the same characters appear. Use a long random value if the server allows it.';
  if (isCommonSecret(value)) {
    // "password" itself: the attribute of that name is in every SCIM user schema
    return `This secret is a common password or dictionary word. ${consequence}`;
  }
  // a common word with a digit or sign added: guessable, though distinctive enough to replace
  const stem = value.toLowerCase().replace(/[\d!@#$%^&*?.+_-]{1,4}$/, '');
  if (value.length < DISTINCTIVE_MIN_LENGTH) return `This secret is shorter than ${DISTINCTIVE_MIN_LENGTH} characters. ${consequence}`;
  if (stem !== value.toLowerCase() && LIST.has(stem)) {
    return 'This secret is a common word with a few digits or signs added: it is easy to guess. Use a long random value if the server allows it.';
  }
  return undefined;
}

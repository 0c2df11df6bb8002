import { parseFilter as referenceParse } from '../src/shared/scim';
import { rfcFilterCorpus } from '../test/fixtures/scim/rfc7644-filters';
import { fmt, table } from './lib/measure';
import { loadBundledScim, type ScimModule } from './lib/native-scim';
import { interleavedRates } from './lib/repeat';
import { evaluationFilters, malformedFilters } from './lib/scim-corpus';
import { oracleMatches } from './lib/scim-oracle';
import { filterLibraries as makeFilterLibraries, scimPatchPeer, type FilterLibrary, type Resource } from './lib/scim-peers';
import { generateUsers } from './lib/scim-users';
import type { BenchSection } from './lib/section';

const ISSUE = 3;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
let scim: ScimModule;
let filterLibraries: FilterLibrary[];
let ours: FilterLibrary;
let peers: FilterLibrary[];

function parses(lib: FilterLibrary, text: string): boolean {
  try {
    lib.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseSection(): BenchSection {
  const corpus = rfcFilterCorpus.valid;
  const rows: (string | number)[][] = [];
  const data: Record<string, unknown> = {};
  const acceptedBy = filterLibraries.map((lib) => corpus.filter((t) => parses(lib, t)));
  const entry = (i: number) => ({
    fn: () => {
      const accepted = acceptedBy[i]!;
      const lib = filterLibraries[i]!;
      for (let k = 0; k < accepted.length; k++) lib.parse(accepted[k]!);
    },
    opsPerRun: acceptedBy[i]!.length,
  });
  // ours is timed in a pair with each peer; the ratio that counts is the one against the fastest peer
  const pairs = peers.map((_, p) => interleavedRates([entry(0), entry(p + 1)]) as [number, number]);
  const compileRate = interleavedRates([{ fn: () => corpus.forEach((t) => scim.compileFilter(scim.parseFilter(t))), opsPerRun: corpus.length }])[0]!;
  const fastest = pairs.reduce((best, pair, p) => (pair[1] > pairs[best]![1] ? p : best), 0);
  const fastestPeer = pairs[fastest]![1];
  const fastestPeerName = peers[fastest]!.name;
  const oursRate = pairs[fastest]![0];
  for (const [i, lib] of filterLibraries.entries()) {
    const accepted = acceptedBy[i]!;
    const rate = i === 0 ? oursRate : pairs[i - 1]![1];
    const rejectsMalformed = malformedFilters.filter((t) => !parses(lib, t)).length;
    data[lib.name] = { parsesPerSecond: rate, rfcParsed: accepted.length, malformedRejected: rejectsMalformed, ...(i > 0 ? { oursInPair: pairs[i - 1]![0] } : {}) };
    rows.push([lib.name, lib.parseNote, fmt(rate / 1e6, 3), i === 0 ? '—' : fmt(pairs[i - 1]![0] / rate), `${accepted.length}/${corpus.length}`, `${rejectsMalformed}/${malformedFilters.length}`]);
  }
  rows.splice(1, 0, ['SCIM Inspector (ours), parse + compile', 'compileFilter(parseFilter(text))', fmt(compileRate / 1e6, 3), '', `${corpus.length}/${corpus.length}`, '']);
  const ratio = oursRate / fastestPeer;
  const missedMalformed = filterLibraries.map((lib) => [
    lib.name,
    malformedFilters.filter((t) => parses(lib, t)).map((t) => `\`${t.replace(/\|/g, '\\|')}\``).join(', ') || '—',
  ]);
  return {
    title: 'SCIM filter parsing',
    issue: ISSUE,
    markdown: [
      `Parsing the ${corpus.length} RFC 7644 §3.4.2.2 example filters (each library parses the ones it accepts), and ${malformedFilters.length} malformed filters each parser should reject. Ours is timed against each peer in turn (both warmed up, then the median of 7 alternating rounds), so each ratio compares runs made side by side. Rates are per second of process CPU time (the machine is shared; see bench/lib/repeat.ts). Ours is src/shared/scim bundled by Vite (as in the app) and imported natively, like the npm peers.`,
      '',
      table(['library', 'what is timed', 'M parses/s', 'ours × (paired)', 'RFC examples parsed', 'malformed rejected'], rows),
      '',
      `Ours vs the fastest peer (${fastestPeerName}): **${fmt(ratio)}×**.`,
      '',
      'Malformed filters each library accepted without an error:',
      '',
      table(['library', 'accepted although malformed'], missedMalformed),
    ].join('\n'),
    data: { ...data, compileRate, ratio, fastestPeerName },
    targets: [{ name: 'parse throughput ≥ 2× the fastest peer', met: ratio >= 2, detail: `${fmt(oursRate / 1e6, 2)} M/s vs ${fmt(fastestPeer / 1e6, 2)} M/s (${fastestPeerName}): ${fmt(ratio)}×` }],
  };
}

function evaluationSection(): BenchSection {
  const users = generateUsers(10_000);
  const filters = evaluationFilters(users);
  type Verdict = { wrong: number; threw: number; unparsed: boolean };
  const verdicts = new Map<string, Verdict[]>();
  for (const lib of filterLibraries) {
    verdicts.set(
      lib.name,
      filters.map(({ text }) => {
        let answers: boolean[];
        try {
          answers = lib.matcher(text)(users);
        } catch {
          return { wrong: 0, threw: 0, unparsed: true };
        }
        const truth = referenceParse(text);
        let wrong = 0;
        let threw = 0;
        answers.forEach((a, i) => {
          if ((a as unknown) === 'threw') threw++;
          else if (a !== oracleMatches(users[i], truth)) wrong++;
        });
        return { wrong, threw, unparsed: false };
      }),
    );
  }
  const cell = (v: Verdict) => (v.unparsed ? 'rejects filter' : v.threw ? `throws on ${v.threw}` : v.wrong ? `✗ ${v.wrong} wrong` : '✓');
  const correctnessRows = filters.map((f, i) => [`\`${f.text.replace(/\|/g, '\\|')}\``, f.probes, ...filterLibraries.map((lib) => cell(verdicts.get(lib.name)![i]!))]);
  const usable = filters.filter((_, i) => filterLibraries.every((lib) => {
    const v = verdicts.get(lib.name)![i]!;
    return !v.unparsed && v.threw === 0;
  }));
  const rates = interleavedRates(
    filterLibraries.map((lib) => {
      const counters = usable.map((f) => lib.counter(f.text));
      return {
        fn: () => {
          for (const count of counters) count(users);
        },
        opsPerRun: usable.length * users.length,
      };
    }),
    3,
    300,
    1,
    300,
  );
  const allRight = filterLibraries.filter((lib) => verdicts.get(lib.name)!.every((v) => !v.unparsed && !v.threw && !v.wrong)).map((l) => l.name);
  const oursRate = rates[0]!;
  const speedRows = filterLibraries.map((lib, i) => {
    const v = verdicts.get(lib.name)!;
    const wrongFilters = v.filter((x) => x.unparsed || x.threw || x.wrong).length;
    return [lib.name, fmt(rates[i]! / 1e6, 2), i === 0 ? '1.00' : fmt(oursRate / rates[i]!), `${filters.length - wrongFilters}/${filters.length}`];
  });
  const slowerThan = peers.filter((_, i) => rates[i + 1]! >= oursRate).map((p) => p.name);
  const correctPeers = peers.filter((p) => allRight.includes(p.name));
  return {
    title: 'SCIM filter evaluation',
    issue: ISSUE,
    markdown: [
      `${users.length.toLocaleString('en-US')} generated Users (bench/lib/scim-users.ts: mixed-case names and domains, missing, empty and null attributes, 0–3 emails, extension attributes, lastModified written with offsets). Each filter is compiled once, then run over every user. Right answers come from a plain reference evaluator (bench/lib/scim-oracle.ts) that the unit tests also hold our compiled matcher to.`,
      '',
      `Speed on the ${usable.length} filters every library parses and runs without throwing (filter × user evaluations per CPU second; warmed up, median of 3 alternating rounds):`,
      '',
      table(['library', 'M evaluations/s', 'ours ×', 'filters answered right (all users)'], speedRows),
      '',
      `Peers whose answers are right on every filter: ${correctPeers.length ? correctPeers.map((p) => p.name).join(', ') : 'none'}.`,
      '',
      'Answers per filter (✓ = right for all users; ✗ n = wrong for n users; "throws on n" = the matcher crashed on n users; "rejects filter" = would not parse it):',
      '',
      table(['filter', 'probes', ...filterLibraries.map((l) => l.name)], correctnessRows),
    ].join('\n'),
    data: { users: users.length, filters: filters.length, commonFilters: usable.length, rates: Object.fromEntries(filterLibraries.map((l, i) => [l.name, rates[i]])), allRight },
    targets: [
      {
        name: 'evaluation faster than every peer matcher that answers correctly',
        met: correctPeers.every((p) => rates[filterLibraries.indexOf(p)]! < oursRate),
        detail: correctPeers.length ? `correct peers: ${correctPeers.map((p) => p.name).join(', ')}` : `no peer answers every filter correctly; ours ${fmt(oursRate / 1e6, 2)} M/s`,
      },
      {
        name: 'evaluation faster than every peer, right or wrong (common filters)',
        met: slowerThan.length === 0 && allRight.includes(ours.name),
        detail: `ours ${fmt(oursRate / 1e6, 2)} M/s; ${peers.map((p, i) => `${p.name} ${fmt(oursRate / rates[i + 1]!)}×`).join(', ')}${allRight.includes(ours.name) ? '' : '; OURS DISAGREES WITH THE REFERENCE'}`,
      },
    ],
  };
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function patchUser(): Resource {
  return {
    schemas: [USER, ENTERPRISE],
    id: '2819c223-7f76-453a-919d-413861904646',
    userName: 'bjensen@example.com',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    phoneNumbers: [
      { value: '555-555-5555', type: 'work' },
      { value: '555-555-4444', type: 'fax' },
    ],
    [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  };
}

type Focus = (resource: Resource) => unknown;
const emails = (r: Resource) => r.emails as Resource[];

/** Cases where an RFC-correct PATCH and scim-patch may part ways: what, operations, the part of the result to show. */
const patchCases: [string, unknown[], Focus][] = [
  ['no-path add keyed by the enterprise URN', [{ op: 'add', value: { [ENTERPRISE]: { costCenter: '4130' } } }], (r) => Object.keys(r).filter((k) => k.startsWith('urn:'))],
  ['URN-prefixed path', [{ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' }], (r) => r[ENTERPRISE]],
  ['attribute name in another case', [{ op: 'replace', path: 'NAME.FAMILYNAME', value: 'J' }], (r) => r.name],
  ['no-path value key in another case', [{ op: 'replace', value: { USERNAME: 'babs' } }], (r) => Object.fromEntries(Object.entries(r).filter(([k]) => k.toLowerCase() === 'username'))],
  ['filter value in another case (type is not case-exact)', [{ op: 'replace', path: 'emails[type eq "WORK"].value', value: 'b@work.example' }], (r) => emails(r).map((e) => e.value)],
  ['new primary email unsets the old one', [{ op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'other', primary: true }] }], (r) => emails(r).map((e) => e.primary ?? null)],
  ['readOnly id', [{ op: 'replace', path: 'id', value: 'stolen' }], (r) => r.id],
  ['remove with a filter matching nothing (RFC: 400 noTarget)', [{ op: 'remove', path: 'emails[type eq "pager"]' }], (r) => emails(r).length],
  ['adding an email that is already there', [{ op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home' }] }], (r) => emails(r).length],
];

function patchSection(): BenchSection {
  const operations = [
    { op: 'replace', path: 'name.givenName', value: 'Babs' },
    { op: 'add', path: 'emails', value: [{ value: 'babs@home.example', type: 'other' }] },
    { op: 'replace', path: 'emails[type eq "work"].value', value: 'bjensen@work.example' },
    { op: 'remove', path: 'phoneNumbers[type eq "fax"]' },
    { op: 'replace', path: 'active', value: false },
    { op: 'add', path: 'title', value: 'Tour Guide' },
  ];
  const request = { schemas: [PATCH_OP], Operations: operations };
  const user = patchUser();
  const mine = scim.applyPatch(user, request).resource;
  const theirs = scimPatchPeer.apply(user, operations);
  const same = JSON.stringify(mine) === JSON.stringify(theirs);
  const [oursRate, peerRate] = interleavedRates([
    { fn: () => void scim.applyPatch(user, request), opsPerRun: operations.length },
    { fn: () => void scimPatchPeer.apply(user, operations), opsPerRun: operations.length },
  ]) as [number, number];
  const ratio = oursRate / peerRate;
  const outcome = (fn: () => Resource, focus: Focus) => {
    try {
      return `\`${JSON.stringify(focus(fn()))}\``;
    } catch (error) {
      const e = error as { scimType?: string; message?: string };
      return e.scimType ? `400 ${e.scimType}` : `throws: ${(e.message ?? '').slice(0, 60)}`;
    }
  };
  const caseRows = patchCases.map(([what, ops, focus]) => {
    const a = outcome(() => scim.applyPatch(patchUser(), { schemas: [PATCH_OP], Operations: ops }).resource, focus);
    const b = outcome(() => scimPatchPeer.apply(patchUser(), ops), focus);
    return [what, a, b, a === b ? 'same' : '**differs**'];
  });
  return {
    title: 'SCIM PATCH',
    issue: ISSUE,
    markdown: [
      `A ${operations.length}-operation PatchOp (sub-attribute replace, add to a multi-valued attribute, value-filter replace, value-filter remove, boolean replace, add) applied to a User; neither library modifies its input (scim-patch with \`mutateDocument: false\` deep-copies it; ours copies only what it changes). Both produce ${same ? 'the same' : 'DIFFERENT'} results on it. Warmed up, then medians of 7 alternating rounds, per CPU second.`,
      '',
      table(
        ['library', 'M operations/s', 'ratio'],
        [
          ['SCIM Inspector applyPatch (strict)', fmt(oursRate / 1e6, 3), fmt(ratio)],
          [scimPatchPeer.name, fmt(peerRate / 1e6, 3), '1.00'],
        ],
      ),
      '',
      'The same User patched by both, showing the part of the result each case is about (ours follows RFC 7644 §3.5.2 and RFC 7643; the unit tests in test/unit/shared/scim/patch-*.test.ts hold it to that):',
      '',
      table(['case', 'ours', 'scim-patch', ''], caseRows),
    ].join('\n'),
    data: { oursRate, peerRate, ratio, sameResultOnWorkload: same },
    targets: [{ name: 'PATCH throughput ≥ scim-patch', met: ratio >= 1 && same, detail: `${fmt(oursRate / 1e6, 3)} M/s vs ${fmt(peerRate / 1e6, 3)} M/s: ${fmt(ratio)}×${same ? '' : ' (results differ!)'}` }],
  };
}

/** Issue #3: SCIM filter parsing, filter evaluation and PATCH against the npm libraries. */
export default async function run(): Promise<BenchSection[]> {
  scim = await loadBundledScim();
  filterLibraries = makeFilterLibraries(scim);
  ours = filterLibraries[0]!;
  peers = filterLibraries.slice(1);
  return [parseSection(), evaluationSection(), patchSection()];
}

#!/usr/bin/env node
/**
 * An independent wallet for om-verifier's W3C VC-API exchanges
 * (specs/exchanges.md), written with Digital Bazaar's JavaScript libraries
 * rather than om-core's Rust code.
 *
 *   node exchanges.mjs did
 *       prints the wallet's did:key (Ed25519 Multikey from a fixed seed), so
 *       that a mentor can write a letter about it
 *   node exchanges.mjs run --base URL --delivery URL [--delivery URL2]
 *       URL: the service (http://127.0.0.1:PORT); each --delivery: an
 *       interaction URL printed by `om-issuer endorse --deliver` for a letter
 *       about this wallet's DID
 *
 * `run` plays the wallet's side of both flows and prints one "ok …" line per
 * step; it stops at the first failure with "FAIL …" and exit status 1 (2 on
 * usage errors):
 *
 * 1. Receive a delivered letter: interaction URL → protocols.vcapi → POST {}
 *    → the presentation request (DIDAuthentication, challenge, domain) → a
 *    VerifiablePresentation signed by this wallet (eddsa-rdfc-2022,
 *    authentication, that challenge and domain) → the letter, verified here
 *    with @digitalbazaar/vc and checked to be about this wallet's DID. The
 *    refusals: the same presentation again → 409; for the second delivery, a
 *    presentation by another did:key, one naming this wallet as holder but
 *    signed by the other key, and this wallet's own signed for another
 *    domain or another challenge → 403 and no letter (the letter still
 *    waits; the wallet then receives it with its own key).
 * 2. Answer an employer's request: POST /ask → 303 /ask/<token>;
 *    …/state is "waiting" with an interaction URL; the exchange's request
 *    asks for letters (QueryByExample) and DIDAuthentication; a presentation
 *    holding the received letters is signed and posted → 200 {}; …/state is
 *    then "answered" and its report says the presentation's own checks pass.
 *
 * The Learner Credential Wallet is checked by lcw/lcw.mjs (lcw.sh), which
 * follows that wallet's own code; this script is an independent VC-API wallet.
 *
 * Every request goes to the URLs given (the driver, exchanges.sh, gives
 * loopback ones only); contexts and did:key come from the offline document
 * loader of lib.mjs. No key material is printed.
 */
import {createHash} from 'node:crypto';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

import {loadBundledContexts, makeDocumentLoader, verifySuite} from './lib.mjs';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

function ok(message) {
  console.log(`ok    ${message}`);
}

// --- keys --------------------------------------------------------------------

// A did:key from a fixed, public seed: this is a test wallet, its keys
// protect nothing. Only the DID is ever printed.
async function wallet(label) {
  const seed = createHash('sha256').update(`om-interop ${label}`).digest();
  const key = await Ed25519Multikey.generate({seed: new Uint8Array(seed)});
  const did = `did:key:${key.publicKeyMultibase}`;
  key.controller = did;
  key.id = `${did}#${key.publicKeyMultibase}`;
  return {did, key};
}

// A VerifiablePresentation (VC 2.0) by `holder`, holding `credentials`, with
// an eddsa-rdfc-2022 authentication proof by `signer` for the request's
// challenge and domain.
async function signedPresentation(
  {holder, signer, credentials = [], request, documentLoader}) {
  const presentation = {
    '@context': [VC_V2],
    type: ['VerifiablePresentation'],
    holder
  };
  if(credentials.length > 0) {
    presentation.verifiableCredential = credentials;
  }
  const suite = new DataIntegrityProof({
    signer: signer.key.signer(), cryptosuite: eddsaRdfc2022
  });
  return vc.signPresentation({
    presentation, suite, documentLoader,
    challenge: request.challenge, domain: request.domain
  });
}

// --- HTTP --------------------------------------------------------------------

async function call(method, url, {body, accept, redirect = 'follow'} = {}) {
  const headers = {};
  if(accept) {
    headers.accept = accept;
  }
  if(body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  let r;
  try {
    r = await fetch(url, {
      method, headers, redirect,
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  } catch(e) {
    fail(`${method} ${url}: ${e.cause?.message ?? e.message}`);
  }
  const text = await r.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch{
    json = undefined;
  }
  return {status: r.status, headers: r.headers, text, json};
}

function expectStatus(res, status, what) {
  if(res.status !== status) {
    fail(`${what}: expected HTTP ${status}, got ${res.status}: ` +
      res.text.slice(0, 500));
  }
}

// Interaction URL → exchange URL (protocols.vcapi).
async function exchangeUrlOf(interaction) {
  const res = await call('GET', interaction, {accept: 'application/json'});
  expectStatus(res, 200, `GET ${interaction}`);
  const url = res.json?.protocols?.vcapi;
  if(typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    fail(`${interaction}: no protocols.vcapi URL in ${res.text}`);
  }
  return url;
}

// POST {} → the verifiablePresentationRequest, checked as a wallet must:
// a DIDAuthentication query and a challenge, or nothing is signed.
async function requestOf(exchange) {
  const res = await call('POST', exchange, {body: {}});
  expectStatus(res, 200, `POST {} ${exchange}`);
  const vpr = res.json?.verifiablePresentationRequest;
  if(!vpr || typeof vpr !== 'object') {
    fail(`${exchange}: no verifiablePresentationRequest in ${res.text}`);
  }
  const queries = [].concat(vpr.query ?? []);
  const types = queries.map(q => q?.type);
  if(!types.includes('DIDAuthentication')) {
    fail(`${exchange}: the request has no DIDAuthentication query: ` +
      JSON.stringify(vpr));
  }
  const unknown = types.filter(
    t => t !== 'DIDAuthentication' && t !== 'QueryByExample');
  if(unknown.length > 0) {
    fail(`${exchange}: unknown query types ${JSON.stringify(unknown)}`);
  }
  if(typeof vpr.challenge !== 'string' || vpr.challenge === '') {
    fail(`${exchange}: the request has no challenge`);
  }
  if(typeof vpr.domain !== 'string' || vpr.domain === '') {
    fail(`${exchange}: the request has no domain`);
  }
  const didAuth = queries.find(q => q.type === 'DIDAuthentication');
  const suites = (didAuth.acceptedCryptosuites ?? []).map(s => s.cryptosuite);
  if(didAuth.acceptedCryptosuites && !suites.includes('eddsa-rdfc-2022')) {
    fail(`${exchange}: eddsa-rdfc-2022 is not accepted (${suites})`);
  }
  const methods = (didAuth.acceptedMethods ?? []).map(m => m.method);
  if(didAuth.acceptedMethods && !methods.includes('key')) {
    fail(`${exchange}: did:key is not accepted (${methods})`);
  }
  const wanted = queries.filter(q => q.type === 'QueryByExample')
    .flatMap(q => [].concat(q.credentialQuery ?? []))
    .flatMap(c => [].concat(c?.example?.type ?? []));
  return {vpr, types, wanted};
}

function problemOf(res) {
  return res.json?.detail ?? res.json?.title ?? res.text.slice(0, 200);
}

// Every error message in a @digitalbazaar/vc result.
function reasons(result) {
  const out = new Set();
  const visit = e => {
    if(!e) {
      return;
    }
    if(Array.isArray(e)) {
      e.forEach(visit);
      return;
    }
    visit(e.errors);
    if(e.error !== e) {
      visit(e.error);
    }
    if(e.message) {
      out.add(e.message);
    }
  };
  visit(result.error);
  for(const r of result.results ?? []) {
    visit(r.error);
  }
  return [...out].join('; ') || 'not verified';
}

// --- flow 1: a delivered letter -----------------------------------------------

async function receive({interaction, me, documentLoader, label}) {
  const exchange = await exchangeUrlOf(interaction);
  ok(`${label}: interaction URL offers a VC-API exchange (${exchange})`);
  const {vpr, types} = await requestOf(exchange);
  ok(`${label}: presentation request (${types.join(', ')}), ` +
    `domain ${vpr.domain}`);
  const vp = await signedPresentation(
    {holder: me.did, signer: me, request: vpr, documentLoader});
  const res = await call('POST', exchange, {body: {verifiablePresentation: vp}});
  expectStatus(res, 200, `${label}: POST the signed presentation`);
  const delivered = res.json?.verifiablePresentation?.verifiableCredential;
  const letters = [].concat(delivered ?? []);
  if(letters.length !== 1) {
    fail(`${label}: expected one letter, got ${letters.length}: ` +
      res.text.slice(0, 500));
  }
  const [letter] = letters;
  ok(`${label}: presentation signed with eddsa-rdfc-2022 accepted; ` +
    'one letter delivered');
  const result = await vc.verifyCredential({
    credential: structuredClone(letter), suite: verifySuite, documentLoader
  });
  if(!result.verified) {
    fail(`${label}: the delivered letter does not verify with ` +
      `@digitalbazaar/vc: ${reasons(result)}`);
  }
  const subjects = [].concat(letter.credentialSubject ?? []);
  if(!subjects.some(s => s?.id === me.did)) {
    fail(`${label}: the letter's credentialSubject.id is ` +
      `${JSON.stringify(subjects.map(s => s?.id))}, not ${me.did}`);
  }
  const issuer = letter.issuer?.id ?? letter.issuer;
  ok(`${label}: letter verifies with @digitalbazaar/vc ` +
    `(${[].concat(letter.proof).map(p => p.cryptosuite)}, issuer ${issuer}) ` +
    'and is about this wallet\'s DID');
  return {letter, exchange, vp};
}

async function deliveries({deliveries: [first, second], me, other,
  documentLoader}) {
  const letters = [];
  const {letter, exchange, vp} = await receive(
    {interaction: first, me, documentLoader, label: 'delivery 1'});
  letters.push(letter);

  // Single use: the very same signed presentation again.
  let res = await call('POST', exchange, {body: {verifiablePresentation: vp}});
  expectStatus(res, 409, 'delivery 1: the same presentation posted again');
  if(res.json?.verifiablePresentation) {
    fail('delivery 1: a refused answer carried a presentation');
  }
  ok(`delivery 1: the same signed presentation again → 409 ` +
    `(${problemOf(res)})`);
  res = await call('GET', first, {accept: 'application/json'});
  expectStatus(res, 404, 'delivery 1: the interaction URL once used');
  ok('delivery 1: its interaction URL now answers 404');

  if(!second) {
    return letters;
  }
  // Another wallet that got hold of the link: for the same challenge and
  // domain, a presentation by its own DID, then one naming ours as holder
  // but signed with its key.
  const exchange2 = await exchangeUrlOf(second);
  const {vpr} = await requestOf(exchange2);
  // Then this wallet's own presentations, signed for another domain and for
  // another challenge.
  const forgeries = [
    ['another did:key as holder and signer', other.did, other, vpr],
    ['this wallet\'s DID as holder, signed by another did:key', me.did, other,
      vpr],
    ['signed by this wallet for another domain', me.did, me,
      {...vpr, domain: 'verifier.example'}],
    ['signed by this wallet for another challenge', me.did, me,
      {...vpr, challenge: `${vpr.challenge}x`}]
  ];
  for(const [what, holder, signer, request] of forgeries) {
    const forged = await signedPresentation(
      {holder, signer, request, documentLoader});
    res = await call('POST', exchange2,
      {body: {verifiablePresentation: forged}});
    expectStatus(res, 403, `delivery 2: ${what}`);
    if(res.json?.verifiablePresentation || /proof"\s*:/.test(res.text)) {
      fail(`delivery 2: the refusal (${what}) carried a letter: ${res.text}`);
    }
    ok(`delivery 2: ${what} → 403, no letter (${problemOf(res)})`);
  }
  // The letter still waits for its subject, who now receives it.
  res = await call('GET', second, {accept: 'application/json'});
  expectStatus(res, 200, 'delivery 2: the interaction URL after the refusals');
  ok('delivery 2: the letter still waits after the refusals');
  const received = await receive(
    {interaction: second, me, documentLoader, label: 'delivery 2'});
  letters.push(received.letter);
  return letters;
}

// --- flow 2: an employer's request ---------------------------------------------

async function employer({base, me, letters, documentLoader}) {
  let res = await call('POST', `${base}/ask`, {redirect: 'manual'});
  expectStatus(res, 303, 'POST /ask');
  const location = res.headers.get('location');
  if(!location || !/^\/ask\/[^/]+$/.test(location)) {
    fail(`POST /ask: Location is ${JSON.stringify(location)}, not /ask/<token>`);
  }
  const page = new URL(location, base).href;
  ok(`POST /ask → 303 ${location.replace(/[^/]+$/, '<token>')}`);

  res = await call('GET', `${page}/state`);
  expectStatus(res, 200, 'GET /ask/<token>/state');
  if(res.json?.state !== 'waiting' ||
    typeof res.json?.interactionUrl !== 'string' ||
    !res.json.interactionUrl.includes('/interactions/')) {
    fail(`state before the answer: ${res.text}`);
  }
  ok('state: "waiting", with an interaction URL');

  const exchange = await exchangeUrlOf(res.json.interactionUrl);
  ok(`employer: interaction URL offers a VC-API exchange (${exchange})`);
  const {vpr, types, wanted} = await requestOf(exchange);
  if(!types.includes('QueryByExample')) {
    fail(`employer: the request has no QueryByExample: ${JSON.stringify(vpr)}`);
  }
  const shown = letters.filter(l => [].concat(l.type ?? []).some(
    t => wanted.includes(t)));
  if(shown.length !== letters.length) {
    fail(`employer: asks for ${wanted}, the letters are ` +
      `${letters.map(l => l.type)}`);
  }
  ok(`employer: request asks for ${wanted.join(', ')} (QueryByExample) ` +
    `and DIDAuthentication, domain ${vpr.domain}`);

  const vp = await signedPresentation({
    holder: me.did, signer: me, credentials: shown, request: vpr,
    documentLoader
  });
  // Before sending, the presentation checks out with Digital Bazaar's
  // verifier (holder proof with the challenge and domain, and each letter).
  const mine = await vc.verify({
    presentation: structuredClone(vp), suite: verifySuite, documentLoader,
    challenge: vpr.challenge, domain: vpr.domain
  });
  if(!mine.verified) {
    fail(`employer: our own presentation does not verify with ` +
      `@digitalbazaar/vc: ${reasons(mine)}`);
  }
  res = await call('POST', exchange, {body: {verifiablePresentation: vp}});
  expectStatus(res, 200, 'employer: POST the signed presentation');
  if(JSON.stringify(res.json) !== '{}') {
    fail(`employer: expected {}, got ${res.text}`);
  }
  ok(`employer: presentation of ${shown.length} letter(s) ` +
    '(eddsa-rdfc-2022, challenge + domain) accepted → 200 {}');

  res = await call('GET', `${page}/state`);
  expectStatus(res, 200, 'GET /ask/<token>/state after the answer');
  const state = res.json;
  if(state?.state !== 'answered') {
    fail(`state after the answer: ${res.text}`);
  }
  if(state.refused) {
    fail(`the service refused the presentation: ${state.refused}`);
  }
  if(state.replayed !== false) {
    fail(`the service took the answer for a replay: ${res.text}`);
  }
  const report = state.report ?? {};
  const own = report.details?.checks ?? [];
  const holderChecks = own.filter(c => c.kind !== 'programmeRule');
  const kinds = holderChecks.map(c => c.kind);
  const notPassed = holderChecks.filter(c => c.outcome !== 'pass');
  if(!kinds.includes('proof') || !kinds.includes('keyBinding') ||
    notPassed.length > 0) {
    fail(`the presentation's own checks: ${JSON.stringify(own)}`);
  }
  if(report.details?.holder !== me.did) {
    fail(`the report's holder is ${report.details?.holder}, not ${me.did}`);
  }
  ok(`state: "answered"; the presentation's own checks pass ` +
    `(${kinds.join(', ')}), holder is this wallet's DID`);
  const credentials = report.details?.credentials ?? [];
  const failedLetters = credentials.flatMap(c => (c.checks ?? [])
    .filter(k => k.outcome === 'fail').map(k => `${k.kind}: ${k.message}`));
  if(credentials.length !== shown.length || failedLetters.length > 0) {
    fail(`the letters in the report: ${JSON.stringify(credentials)}`);
  }
  ok(`state: each of the ${credentials.length} letter(s) passes its checks`);
  // The programme rule (by default: 2 different endorsers, 1 a mentor). The
  // driver delivers a mentor's and a peer's letter, which meet it; with one
  // letter it is not met, and that is expected.
  const rule = report.details?.rule;
  const statement = rule?.statement ?? JSON.stringify(rule);
  if(shown.length >= 2) {
    if(rule?.complete !== true || state.verdict !== 'valid') {
      fail(`programme rule with ${shown.length} letters: ${statement}; ` +
        `verdict ${state.verdict}`);
    }
    ok(`programme rule met (${statement}); verdict "${state.verdict}"`);
  } else {
    ok(`programme rule not met, as expected with one letter ` +
      `(${statement}); verdict "${state.verdict}"`);
  }
  return state;
}

// --- main ----------------------------------------------------------------------

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const out = {command, deliveries: []};
  for(let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const v = rest[i + 1];
    if(a === '--base' && v) {
      out.base = v.replace(/\/+$/, '');
    } else if(a === '--delivery' && v) {
      out.deliveries.push(v);
    } else {
      return null;
    }
    i++;
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const me = await wallet('js wallet');
  if(args?.command === 'did' && args.deliveries.length === 0 && !args.base) {
    console.log(me.did);
    return 0;
  }
  if(args?.command !== 'run' || !args.base || args.deliveries.length < 1 ||
    args.deliveries.length > 2) {
    console.error('usage: node exchanges.mjs did\n' +
      '       node exchanges.mjs run --base URL --delivery INTERACTION_URL ' +
      '[--delivery INTERACTION_URL2]');
    return 2;
  }
  const other = await wallet('other wallet');
  const documentLoader = makeDocumentLoader(await loadBundledContexts());
  ok(`wallet did:key ${me.did}`);
  const letters = await deliveries(
    {deliveries: args.deliveries, me, other, documentLoader});
  const state = await employer(
    {base: args.base, me, letters, documentLoader});
  console.log(`all exchanges as expected (employer's verdict: ` +
    `${state.verdict})`);
  return 0;
}

main().then(code => process.exit(code), e => {
  if(e instanceof Failure) {
    console.log(`FAIL  ${e.message}`);
  } else {
    console.log(`FAIL  ${e?.stack ?? e}`);
  }
  process.exit(1);
});

#!/usr/bin/env node
/**
 * The Learner Credential Wallet (LCW), as it is, against om-verifier.
 *
 * This client follows that wallet's own code step by step: the source of
 * openwallet-foundation-labs/learner-credential-wallet at commit
 * 1c46a82ba38447f164998903e88944b67fc2a2e6 ("1c46a82" below), with the
 * libraries and versions its package-lock.json pins (see package.json). Each
 * step names the file (and function) of that commit it reproduces. The code
 * is rewritten here, not copied; only the screens (React Native) are
 * replaced by what a person does on them, said in the output.
 *
 *   node lcw.mjs did   --wallet DIR          a new profile (DID) in DIR; prints the DID
 *   node lcw.mjs scan  --wallet DIR --png F  scans the QR code in the PNG F
 *   node lcw.mjs paste --wallet DIR TEXT     pastes TEXT in "Add Credential"
 *
 * Scanned or pasted text goes through the wallet's dispatch (AddScreen.tsx,
 * addCredentialsFrom): a one-step request link receives a credential and
 * stores it in DIR/credentials.json (after the person approves it); an
 * interaction URL runs the VC-API exchange (an employer's check: the wallet
 * shares the credentials that match the request).
 *
 * Where this departs from the wallet, it says so in a "departs:" line:
 * - documents: LCW builds its loader with securityLoader({fetchRemoteContexts:
 *   true}), which fetches any context it does not bundle from the web. There
 *   is no internet here: this loader has securityLoader's bundled contexts
 *   only, plus the one context that wallet would fetch for our letters (the
 *   W3C undefined-terms context), served from the copy in ../../specs/contexts
 *   (the bytes w3.org serves). Any other remote context fails.
 * - the wallet's own check of a received credential (validate.ts,
 *   verifyCredential) first fetches the DCC's registry list from
 *   digitalcredentials.github.io; this client makes no request off loopback,
 *   so that fetch fails, as it does in that wallet offline: the check throws,
 *   verifyVerifiableObject returns false, and requestCredential only warns.
 * - screens: the person's choices (approve, "Yes", select credentials) are
 *   taken as "yes" and "all that match", and printed.
 *
 * Output: one line per step ("step", "warn", "departs", "ok"); "FAIL …" and
 * exit status 1 at the first step that fails (2 on usage errors).
 */
import {randomBytes, randomUUID} from 'node:crypto';
import {readFile, writeFile, mkdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalcredentials/vc';
import * as DidMethodKey from '@digitalcredentials/did-method-key';
import {Ed25519Signature2020} from '@digitalcredentials/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalcredentials/ed25519-verification-key-2020';
import {securityLoader} from '@digitalcredentials/security-document-loader';
import * as HtmlEntities from 'html-entities';
import qs from 'query-string';
import {JSONPath} from 'jsonpath-plus';
import jsQR from 'jsqr';
import pngjs from 'pngjs';

const LCW = '1c46a82';
const here = path.dirname(fileURLToPath(import.meta.url));

class Failure extends Error {}
const fail = message => {
  throw new Failure(message);
};
const step = (file, message) => console.log(`step  [${file} @ ${LCW}] ${message}`);
const warn = (file, message) => console.log(`warn  [${file} @ ${LCW}] ${message}`);
const departs = message => console.log(`departs  ${message}`);
const ok = message => console.log(`ok    ${message}`);

// --- app.config.js @ 1c46a82: LinkConfig -------------------------------------
const LINK_CONFIG = {
  customProtocol: [
    'dccrequest://', 'org.dcconsortium://', 'https://lcw.app/request',
    'interaction:'
  ],
  universalAppLink: 'https://lcw.app/mobile'
};

// --- the document loader (app/lib/present.ts, app/lib/composeVp.ts) ----------
const UNDEFINED_TERMS = 'https://www.w3.org/ns/credentials/undefined-terms/v2';
let loggedLoader = false;
async function documentLoader() {
  // LCW: securityLoader({fetchRemoteContexts: true}).build()
  const loader = securityLoader({fetchRemoteContexts: false});
  const index = JSON.parse(await readFile(
    path.join(here, '..', '..', 'specs', 'contexts', 'index.json'), 'utf8'));
  loader.addStatic(UNDEFINED_TERMS, JSON.parse(await readFile(
    path.join(here, '..', '..', 'specs', 'contexts', index[UNDEFINED_TERMS]),
    'utf8')));
  if(!loggedLoader) {
    departs('document loader: securityLoader({fetchRemoteContexts: false}) ' +
      'with its bundled contexts, plus ' + UNDEFINED_TERMS +
      ' from specs/contexts (LCW fetches it from w3.org); any other remote ' +
      'context fails offline');
    loggedLoader = true;
  }
  return loader.build();
}

// --- the wallet's storage: one profile, its DID record and credentials -------
async function loadWallet(dir) {
  const did = JSON.parse(await readFile(path.join(dir, 'did.json'), 'utf8'));
  let credentials = [];
  try {
    credentials = JSON.parse(
      await readFile(path.join(dir, 'credentials.json'), 'utf8'));
  } catch{
    credentials = [];
  }
  return {dir, didRecord: did, credentials};
}

async function saveCredentials(wallet) {
  await writeFile(path.join(wallet.dir, 'credentials.json'),
    JSON.stringify(wallet.credentials, null, 2));
}

// app/lib/did.ts @ 1c46a82, mintDid: a did:key from an
// Ed25519VerificationKey2020 made from a seed, its document by the
// did-method-key driver (z6Mk header), the key's id `${did}#${fingerprint}`.
async function mintDid(dir) {
  const driver = DidMethodKey.driver();
  driver.use({
    multibaseMultikeyHeader: 'z6Mk',
    fromMultibase: Ed25519VerificationKey2020.from
  });
  const verificationKeyPair = await Ed25519VerificationKey2020.generate(
    {seed: new Uint8Array(randomBytes(32))});
  const {didDocument} = await driver.fromKeyPair({verificationKeyPair});
  verificationKeyPair.controller = didDocument.id;
  verificationKeyPair.id =
    `${didDocument.id}#${verificationKeyPair.fingerprint()}`;
  const record = {
    didDocument,
    verificationKey: verificationKeyPair.export(
      {publicKey: true, privateKey: true})
  };
  await mkdir(dir, {recursive: true});
  await writeFile(path.join(dir, 'did.json'), JSON.stringify(record, null, 2),
    {mode: 0o600});
  await writeFile(path.join(dir, 'credentials.json'), '[]');
  return didDocument.id;
}

// --- dispatch: app/screens/AddScreen/AddScreen.tsx, addCredentialsFrom --------

// app/lib/walletRequestApi.ts, isDeepLink
function isDeepLink(text) {
  return text.startsWith(LINK_CONFIG.universalAppLink) ||
    !!LINK_CONFIG.customProtocol.find(link => text.startsWith(link));
}

// app/lib/decode.ts, isLegacyCredentialRequest (query-string's parse of what
// follows the first "?")
function isLegacyCredentialRequest(url) {
  if(!isDeepLink(url)) {
    return false;
  }
  const queryParams = qs.parse(url.split('?')[1]);
  return 'vc_request_url' in queryParams && 'issuer' in queryParams;
}

// app/lib/interactionUrl.ts, isInteractionUrl
function isInteractionUrl(url) {
  if(url.startsWith('interaction:')) {
    return true;
  }
  try {
    return new URL(url).searchParams.has('iuv');
  } catch{
    return false;
  }
}

async function addCredentialsFrom(wallet, text) {
  text = text.trim();
  step('app/screens/AddScreen/AddScreen.tsx',
    'addCredentialsFrom: the scanned or pasted text, trimmed');
  if(isLegacyCredentialRequest(text)) {
    step('app/lib/decode.ts', 'isLegacyCredentialRequest: a deep link ' +
      '(app.config.js LinkConfig prefix) with vc_request_url and issuer');
    // app/lib/decode.ts, legacyRequestParamsFromUrl
    const params = qs.parse(text.split('?')[1]);
    return goToCredentialFoyer(wallet, params);
  }
  if(isInteractionUrl(text)) {
    step('app/lib/interactionUrl.ts', 'isInteractionUrl: an iuv parameter');
    return redirectInteractionUrl(wallet, text);
  }
  if(isDeepLink(text)) {
    fail('a wallet API deep link (redirectRequestRoute): not a flow of ' +
      'this service');
  }
  fail('neither a one-step request link nor an interaction URL: the ' +
    'wallet would try it as a Wallet API message or as credentials ' +
    '(credentialsFrom), which this service never hands out');
}

// --- the one-step request ("legacy credential request") ----------------------

// AddScreen.tsx goToCredentialFoyer → ApproveCredentialsScreen →
// app/components/CredentialRequestHandler/CredentialRequestHandler.tsx:
// isCredentialRequestParams, then requestCredential(params, didRecord); on
// success the credentials are staged (stageCredentialsForProfile) and the
// person approves them.
async function goToCredentialFoyer(wallet, params) {
  step('app/components/CredentialRequestHandler/CredentialRequestHandler.tsx',
    'isCredentialRequestParams: issuer and vc_request_url present → ' +
    'requestCredential with the profile\'s DID record');
  if(params.issuer === undefined || params.vc_request_url === undefined) {
    fail('not credential request params');
  }
  const credentials = await requestCredential(params, wallet.didRecord);
  step('app/components/CredentialRequestHandler/CredentialRequestHandler.tsx',
    `onFinish: ${credentials.length} credential(s) staged for the profile`);
  console.log('screen  ApproveCredentialsScreen: the person accepts');
  for(const credential of credentials) {
    wallet.credentials.push({_id: randomUUID(), credential});
  }
  await saveCredentials(wallet);
  ok(`stored ${credentials.length} credential(s) in the wallet ` +
    `(${wallet.credentials.length} in all)`);
  for(const c of credentials) {
    const text = c.credentialSubject?.endorsementComment;
    ok(`stored: ${JSON.stringify(c.type)} from ` +
      `${c.issuer?.name ?? c.issuer?.id ?? c.issuer}` +
      (text ? `, text ${JSON.stringify(text.slice(0, 120))}` : ''));
  }
  return {stored: credentials};
}

// app/lib/present.ts, createVerifiablePresentation: an
// Ed25519VerificationKey2020 from the DID record, a VC 2.0 presentation with
// the DID as holder and the credentials if any (verify: false), signed with
// Ed25519Signature2020 for the challenge (a fresh UUID when none) and no
// domain.
async function createVerifiablePresentation(
  {didRecord, verifiableCredential, challenge = randomUUID()}) {
  const key = await Ed25519VerificationKey2020.from(didRecord.verificationKey);
  const suite = new Ed25519Signature2020({key});
  const presentation = vc.createPresentation({
    verifiableCredential, holder: didRecord.didDocument.id, verify: false
  });
  return vc.signPresentation({
    presentation, suite, challenge, documentLoader: await documentLoader()
  });
}

// app/lib/parseResponse.ts, parseResponseBody: the whole text, HTML entities
// decoded (html-entities' decode), then JSON.parse.
async function parseResponseBody(response) {
  const responseText = await response.text();
  const decoded = HtmlEntities.decode(responseText);
  step('app/lib/parseResponse.ts', 'parseResponseBody: HtmlEntities.decode ' +
    `on the whole answer (${responseText.length} characters, ` +
    `${decoded === responseText ? 'unchanged' : 'CHANGED'} by the ` +
    'decoding), then JSON.parse');
  return JSON.parse(decoded);
}

// app/lib/validate.ts, isVerifiableCredential / isVerifiablePresentation
const isVerifiableCredential = obj =>
  !!obj?.type?.includes('VerifiableCredential');
const isVerifiablePresentation = obj =>
  !!obj?.type?.includes('VerifiablePresentation');

// app/lib/validate.ts, verifyVerifiableObject → verifyCredential, which
// first fetches the DCC's known-registries list (outside its try block).
async function verifyVerifiableObject(obj) {
  try {
    if(isVerifiableCredential(obj) || isVerifiablePresentation(obj)) {
      departs('validate.ts verifyCredential fetches https://digitalcredentials' +
        '.github.io/dcc-known-registries/known-did-registries.json before ' +
        'verifying; no request leaves loopback here, so it fails as it does ' +
        'in that wallet offline');
      throw new Error('fetch failed (offline)');
    }
  } catch(err) {
    warn('app/lib/validate.ts', `verifyVerifiableObject: Error while ` +
      `verifying: ${err.message}`);
  }
  return false;
}

// app/lib/verifiableObject.ts, extractCredentialsFrom
function extractCredentialsFrom(obj) {
  if(isVerifiableCredential(obj)) {
    return [obj];
  }
  if(isVerifiablePresentation(obj) && 'verifiableCredential' in obj) {
    return [].concat(obj.verifiableCredential);
  }
  return null;
}

// app/lib/credentialRequest.ts, requestCredential
async function requestCredential(params, didRecord) {
  const {auth_type = 'code', vc_request_url, challenge} = params;
  if(auth_type !== 'bearer') {
    fail(`Unsupported auth_type value: "${auth_type}".`);
  }
  const requestBody = await createVerifiablePresentation(
    {didRecord, challenge});
  const proof = requestBody.proof;
  step('app/lib/present.ts', 'createVerifiablePresentation: ' +
    `${proof.type}, ${proof.proofPurpose}, challenge ${proof.challenge}, ` +
    `domain ${proof.domain ?? '(none)'}, holder ${requestBody.holder}`);
  // No Authorization header: bearer leaves accessToken unset.
  const response = await fetch(vc_request_url, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(requestBody)
  });
  step('app/lib/credentialRequest.ts', `POST the bare presentation to ` +
    `vc_request_url ${vc_request_url} → HTTP ${response.status}`);
  if(!response.ok) {
    let body;
    try {
      body = await response.json();
    } catch{
      body = '(not JSON)';
    }
    fail('Unable to receive credential: The issuer failed to return a ' +
      `valid response (HTTP ${response.status}: ${JSON.stringify(body)})`);
  }
  const verifiableObject = await parseResponseBody(response);
  const verified = await verifyVerifiableObject(verifiableObject);
  if(!verified) {
    warn('app/lib/credentialRequest.ts',
      'Response was received, but could not be verified (the wallet ' +
      'continues)');
  }
  const credentials = extractCredentialsFrom(verifiableObject);
  if(credentials === null) {
    fail('Unable to receive credential: The issuer failed to return a ' +
      'Verifiable Credential (VC) or Verifiable Presentation (VP)');
  }
  step('app/lib/verifiableObject.ts',
    `extractCredentialsFrom: ${credentials.length} credential(s)`);
  return credentials;
}

// --- the interaction URL: VC-API exchange ------------------------------------

// app/lib/navigationUtil.ts, redirectInteractionUrl: parseInteractionUrl and
// fetchInteractionProtocols (app/lib/interactionUrl.ts), then the
// ExchangeCredentials screen with {protocols: {vcapi}}.
async function redirectInteractionUrl(wallet, url) {
  let interactionUrl = url;
  if(url.startsWith('interaction:')) {
    const inner = url.slice('interaction:'.length);
    interactionUrl = inner.startsWith('http%3A') || inner.startsWith('https%3A') ?
      decodeURIComponent(inner) : inner;
  }
  const iuv = new URL(interactionUrl).searchParams.get('iuv');
  if(iuv && iuv !== '1') {
    warn('app/lib/interactionUrl.ts', `Unexpected iuv value "${iuv}"`);
  }
  const response = await fetch(interactionUrl,
    {headers: {Accept: 'application/json'}});
  if(!response.ok) {
    fail(`Interaction URL fetch failed: ${response.status} ` +
      `${response.statusText}`);
  }
  const body = await response.json();
  if(!body.protocols || typeof body.protocols !== 'object') {
    fail('Interaction URL response missing "protocols" map.');
  }
  step('app/lib/interactionUrl.ts', 'fetchInteractionProtocols: GET with ' +
    `Accept: application/json → protocols ${JSON.stringify(body.protocols)}`);
  if(!body.protocols.vcapi) {
    fail('No supported protocol found in the interaction response.');
  }
  const message = {protocols: {vcapi: body.protocols.vcapi}};
  step('app/lib/navigationUtil.ts',
    'redirectInteractionUrl → ExchangeCredentials with {protocols: {vcapi}}');
  return exchangeCredentials(wallet, message);
}

// app/lib/exchanges.ts, sendToExchanger: POST JSON, the text parsed as JSON
// (no entity decoding here).
async function sendToExchanger({exchangeUrl, payload}) {
  const raw = await fetch(exchangeUrl, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(payload)
  });
  const text = await raw.text();
  return {status: raw.status, body: text ? JSON.parse(text) : null};
}

// app/lib/walletRequestApi.ts, isDIDAuthOnlyRequest / isDidAuthRequested
function isDIDAuthOnlyRequest(message) {
  if(!message || !('verifiablePresentationRequest' in message)) {
    return false;
  }
  const {query} = message.verifiablePresentationRequest;
  const queries = Array.isArray(query) ? query : [query];
  return queries.length > 0 &&
    queries.every(q => q.type === 'DIDAuthentication');
}
function isDidAuthRequested(queries) {
  const n = queries.filter(q => q.type === 'DIDAuthentication').length;
  if(n > 1) {
    fail('More than one DIDAuthentication request found, exiting.');
  }
  return n === 1;
}

// app/lib/credentialMatching.ts: every key of the example must match the
// credential record at `$.credential.<key>` (JSONPath, jsonpath-plus): an
// array must be contained in the record's array, an object recurses, a
// literal must be equal.
function extendPath(p, extension) {
  const reserved = /[$@*()[\].:?]/g;
  if(reserved.test(extension)) {
    extension = extension.replace(reserved, m => '`' + m);
  }
  return `${p}.${extension}`;
}
function credentialMatchesVprExampleQuery(example, record, at = '$.credential') {
  const matches = [];
  for(const [key, value] of Object.entries(example)) {
    const p = extendPath(at, key);
    const [scope] = JSONPath({path: p, json: record});
    if(Array.isArray(value)) {
      if(!Array.isArray(scope) || scope.length < value.length) {
        return false;
      }
      matches.push(value.every(v => scope.includes(v)));
    } else if(typeof value === 'object' && value !== null) {
      matches.push(credentialMatchesVprExampleQuery(value, record, p));
    } else {
      matches.push(scope === value);
    }
  }
  return matches.every(m => m);
}
function filterCredentialRecordsByType(records, query) {
  const example = query.credentialQuery?.example;
  if(!example) {
    warn('app/lib/credentialMatching.ts',
      '"example" field missing in QueryByExample.');
    return [];
  }
  return records.filter(r => credentialMatchesVprExampleQuery(example, r));
}

// app/lib/composeVp.ts, composeVp: DID Auth needs both challenge and domain;
// a VC 2.0 presentation with holder and the selected credentials, signed
// with Ed25519Signature2020 by the profile's authentication signer.
async function composeVp(
  {profile, selectedVcs, challenge, domain, didAuthRequested}) {
  if(!didAuthRequested && selectedVcs.length === 0) {
    fail('A VP requires either credentials or a DID Auth request.');
  }
  if(didAuthRequested && !(challenge && domain)) {
    fail('Both "challenge" and "domain" are required for DID Auth.');
  }
  if(!didAuthRequested) {
    return vc.createPresentation(
      {verifiableCredential: selectedVcs, verify: false});
  }
  const presentation = vc.createPresentation({
    holder: profile.did,
    verifiableCredential: selectedVcs.length > 0 ? selectedVcs : undefined,
    verify: false
  });
  return vc.signPresentation({
    presentation, challenge, domain, documentLoader: await documentLoader(),
    suite: new Ed25519Signature2020(
      {signer: profile.signers.authentication})
  });
}

// app/screens/ExchangeCredentials/ExchangeCredentials.tsx, runExchange, and
// app/lib/exchanges.ts, processMessageChain / processRequest.
async function exchangeCredentials(wallet, message) {
  console.log('screen  ExchangeCredentials "Incoming Message": the person ' +
    'answers Yes');
  const exchangeUrl = message.protocols.vcapi;
  const initial = await sendToExchanger({exchangeUrl, payload: {}});
  const requestOrOffer = initial.body;
  step('app/screens/ExchangeCredentials/ExchangeCredentials.tsx',
    `runExchange: POST {} to ${exchangeUrl} → HTTP ${initial.status}`);
  if(!requestOrOffer) {
    fail(`the exchange answered nothing (HTTP ${initial.status})`);
  }
  if(isDIDAuthOnlyRequest(requestOrOffer)) {
    console.log('screen  "DID Authentication Request": the person answers ' +
      'Continue');
  }
  const isVPRFlow = 'verifiablePresentationRequest' in requestOrOffer;
  const isDIDAuthOnly = isDIDAuthOnlyRequest(requestOrOffer);
  // app/lib/profile.ts, profileWithSigners: signers from the DID record's key.
  const keyPair = await Ed25519VerificationKey2020.from(
    wallet.didRecord.verificationKey);
  const profile = {
    did: wallet.didRecord.didDocument.id,
    signers: {authentication: keyPair.signer()}
  };
  let acceptCredentials;
  if('verifiablePresentation' in requestOrOffer) {
    acceptCredentials = extractCredentialsFrom(
      requestOrOffer.verifiablePresentation);
  } else if(isVPRFlow) {
    const request = requestOrOffer.verifiablePresentationRequest;
    const queries = Array.isArray(request.query) ? request.query :
      [request.query];
    // exchanges.ts vcMatchesFor: QueryByExample queries against the
    // profile's credential records.
    let vcMatches = [];
    for(const q of queries.filter(q => q.type === 'QueryByExample')) {
      vcMatches = vcMatches.concat(
        filterCredentialRecordsByType(wallet.credentials, q));
    }
    step('app/lib/credentialMatching.ts', `filterCredentialRecordsByType: ` +
      `${vcMatches.length} of ${wallet.credentials.length} credential(s) ` +
      'match the example');
    const didAuthRequested = isDidAuthRequested(queries);
    const {challenge, domain} = request;
    step('app/lib/exchanges.ts', `processRequest: DIDAuthentication ` +
      `${didAuthRequested ? 'requested' : 'not requested'}, challenge ` +
      `${challenge}, domain ${domain}`);
    if(queries.some(q => q.type === 'ZcapQuery')) {
      fail('a ZcapQuery: not a flow of this service');
    }
    if(vcMatches.length === 0 && !didAuthRequested) {
      step('app/lib/exchanges.ts', 'No zcaps or VCs matched request query, ' +
        'ending exchange.');
    } else {
      let selectedVcs = [];
      if(vcMatches.length > 0) {
        console.log(`screen  selectCredentials: the person selects all ` +
          `${vcMatches.length}`);
        selectedVcs = vcMatches.map(r => r.credential);
      }
      const verifiablePresentation = await composeVp(
        {profile, selectedVcs, challenge, domain, didAuthRequested});
      step('app/lib/composeVp.ts', `composeVp: ` +
        `${verifiablePresentation.proof?.type ?? 'unsigned'}, ` +
        `${selectedVcs.length} credential(s), challenge and domain`);
      const response = await sendToExchanger(
        {exchangeUrl, payload: {verifiablePresentation}});
      step('app/lib/exchanges.ts', `sendToExchanger: ` +
        `{verifiablePresentation} → HTTP ${response.status} ` +
        JSON.stringify(response.body).slice(0, 300));
      if(response.status >= 400) {
        // The wallet does not look at the status: it parses the text and
        // goes on. Here a refusal ends the run.
        fail(`the service refused the presentation: ` +
          JSON.stringify(response.body));
      }
      if(response.body?.verifiablePresentation) {
        acceptCredentials = extractCredentialsFrom(
          response.body.verifiablePresentation);
      }
    }
  }
  // ExchangeCredentials.tsx: in a VPR flow nothing is stored, whatever the
  // exchange answered (its open issue 957).
  if(!isVPRFlow && acceptCredentials) {
    for(const credential of acceptCredentials) {
      wallet.credentials.push({_id: randomUUID(), credential});
    }
    await saveCredentials(wallet);
    ok(`stored ${acceptCredentials.length} credential(s) from the exchange`);
    return {stored: acceptCredentials};
  }
  if(isVPRFlow && acceptCredentials?.length) {
    warn('app/screens/ExchangeCredentials/ExchangeCredentials.tsx',
      `isVPRFlow: ${acceptCredentials.length} credential(s) returned by the ` +
      'exchange are dropped, not stored');
  }
  console.log(`screen  "Success": ${isDIDAuthOnly ?
    'DID Authentication complete.' :
    'You have shared the selected credentials.'}`);
  return {stored: []};
}

// --- the QR code -------------------------------------------------------------

// The wallet's QR screen hands the decoded text to onReadQRCode →
// addCredentialsFrom (AddScreen.tsx). Here the code is read from the PNG the
// mentor wrote (jsQR on pngjs's pixels: test tooling, not the wallet's).
async function scanPng(file) {
  const png = pngjs.PNG.sync.read(await readFile(file));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if(!code) {
    fail(`no QR code found in ${file}`);
  }
  ok(`QR code read from ${path.basename(file)}: ${code.data.slice(0, 60)}…`);
  return code.data;
}

// --- main --------------------------------------------------------------------

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const out = {command, text: []};
  for(let i = 0; i < rest.length; i++) {
    if(rest[i] === '--wallet' && rest[i + 1]) {
      out.wallet = rest[++i];
    } else if(rest[i] === '--png' && rest[i + 1]) {
      out.png = rest[++i];
    } else {
      out.text.push(rest[i]);
    }
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if(!args.wallet) {
    console.error('usage: node lcw.mjs did|scan|paste --wallet DIR ' +
      '[--png FILE | TEXT]');
    return 2;
  }
  if(args.command === 'did') {
    console.log(await mintDid(args.wallet));
    return 0;
  }
  const wallet = await loadWallet(args.wallet);
  let text;
  if(args.command === 'scan' && args.png) {
    text = await scanPng(args.png);
  } else if(args.command === 'paste' && args.text.length === 1) {
    text = args.text[0];
  } else {
    console.error('usage: node lcw.mjs scan --wallet DIR --png FILE | ' +
      'paste --wallet DIR TEXT');
    return 2;
  }
  await addCredentialsFrom(wallet, text);
  return 0;
}

main().then(code => process.exit(code), e => {
  console.log(`FAIL  ${e instanceof Failure ? e.message : (e?.stack ?? e)}`);
  process.exit(1);
});

#!/usr/bin/env node
/**
 * The employer's side of the check, for interop/lcw.sh (not the wallet: the
 * service's page, as a browser would drive it).
 *
 *   node employer.mjs ask BASE     POST BASE/ask (redirect not followed);
 *                                  prints the page URL and, on a second
 *                                  line, the interaction URL its state gives
 *   node employer.mjs state PAGE   GET PAGE/state; prints it as JSON
 */
const [command, url] = process.argv.slice(2);

async function main() {
  if(command === 'ask' && url) {
    const r = await fetch(`${url}/ask`, {method: 'POST', redirect: 'manual'});
    const location = r.headers.get('location');
    if(r.status !== 303 || !location?.startsWith('/ask/')) {
      throw new Error(`POST /ask: HTTP ${r.status}, Location ${location}`);
    }
    const page = new URL(location, url).href;
    const state = await (await fetch(`${page}/state`)).json();
    if(state.state !== 'waiting' || typeof state.interactionUrl !== 'string') {
      throw new Error(`the new check's state: ${JSON.stringify(state)}`);
    }
    console.log(page);
    console.log(state.interactionUrl);
    return 0;
  }
  if(command === 'state' && url) {
    const r = await fetch(`${url}/state`);
    console.log(JSON.stringify(await r.json()));
    return r.ok ? 0 : 1;
  }
  console.error('usage: node employer.mjs ask BASE | state PAGE');
  return 2;
}

main().then(code => process.exit(code), e => {
  console.log(`FAIL  ${e.message}`);
  process.exit(1);
});

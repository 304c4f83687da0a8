// The weight of the pages a facilitator prints or leaves open: the poster (A4, the join code, the QR
// as inline SVG, the form's purpose in each of the session's languages) and the session page with
// its live count. Measured on the demo's open session (FEST26) after a facilitator signs in.
import { gzipSync } from 'node:zlib';

const SESSION = 'demo-session-festival-of-feedback';

async function signIn(origin) {
  const res = await fetch(new URL('/login', origin), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '203.0.113.77' },
    body: new URLSearchParams({ email: 'facilitator@heard.local', password: 'demo-password' }),
  });
  if (res.status !== 303) throw new Error(`facilitator sign-in gave ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

async function weigh(origin, path, cookie) {
  const res = await fetch(new URL(path, origin), { headers: { cookie, 'accept-encoding': 'identity' }, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`GET ${path} gave ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const html = body.toString();
  // Everything else the page asks for (stylesheets, scripts, images); the QR is inline SVG.
  const linked = [...html.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"/g)].map((m) => m[1]);
  let linkedGzip = 0;
  for (const href of linked) {
    const r = await fetch(new URL(href, origin), { headers: { 'accept-encoding': 'identity' } });
    linkedGzip += gzipSync(Buffer.from(await r.arrayBuffer()), { level: 6 }).length;
  }
  return { path, raw: body.length, gzip: gzipSync(body, { level: 6 }).length, linked, linkedGzip };
}

/** The poster's and the session page's weight: HTML gzip, and with what they link (CSS, scripts). */
export async function sessionPageWeights(base) {
  const origin = new URL(base).origin;
  const cookie = await signIn(origin);
  return {
    poster: await weigh(origin, `/sessions/${SESSION}/poster`, cookie),
    session: await weigh(origin, `/sessions/${SESSION}`, cookie),
  };
}

// A person using the site over real HTTP through the Worker: keeps cookies like a browser,
// and sends the Origin header a browser sends with a form post.
import { exports } from 'cloudflare:workers';

export const ORIGIN = 'http://heard.test';

export type Fields = Record<string, string | string[]>;

export function formBody(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}

export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(readonly headers: Record<string, string> = {}) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await exports.default.fetch(new Request(new URL(path, ORIGIN), { ...init, headers, redirect: 'manual' }));
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  post(path: string, fields: Fields, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      body: formBody(fields),
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** Where a redirect points, as a path. */
  static location(res: Response): string {
    const loc = res.headers.get('location');
    if (!loc) throw new Error(`expected a redirect, got ${res.status}`);
    const url = new URL(loc, ORIGIN);
    return url.origin === ORIGIN ? url.pathname + url.search : url.href;
  }
}

/** Reads a hidden input's value out of a page. */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no hidden field ${name}`);
  return m[1];
}

export function withdrawalCodeIn(html: string): string {
  const m = /id="withdrawal-code">([0-9A-Z]{5}-[0-9A-Z]{5})</.exec(html);
  if (!m?.[1]) throw new Error('no withdrawal code on the page');
  return m[1];
}

/** The page a question page shows: every question page has one address, so it is named only in the form. */
export function pageIdIn(html: string): string {
  const form = /<form method="post" action="\/f\/[a-z0-9-]+\/question"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const m = /name="heard_page" value="([a-z0-9-]+)"/.exec(form);
  if (!m?.[1]) throw new Error('not a question page');
  return m[1];
}

/** Answers one page of a form (the form names its page in the body, as the browser's form does). */
export function answerPage(v: Visitor, slug: string, pageId: string, fields: Fields = {}) {
  return v.post(`/f/${slug}/question`, { heard_page: pageId, ...fields });
}

/** The page the person is on now, as their browser would show it. */
export async function currentPageOf(v: Visitor, slug: string): Promise<string> {
  const res = await v.get(`/f/${slug}/question`);
  if (res.status !== 200) throw new Error(`expected a question page, got ${res.status}`);
  return pageIdIn(await res.text());
}

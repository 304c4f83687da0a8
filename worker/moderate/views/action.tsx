// A small form posting to one response, with the session's token and the version it was rendered with.
import type { ComponentChildren } from 'preact';
import type { StaffLayoutProps } from '../../views/staff-layout';
import { CsrfField } from '../../views/fields';
import type { ResponseInContext } from '../queries';

export type Me = NonNullable<StaffLayoutProps['staff']>;

export function Action({ r, me, action, children, class: cls, ...data }: { r: ResponseInContext; me: Me; action: string; children: ComponentChildren; class?: string } & { [k: `data-${string}`]: string | undefined }) {
  return (
    <form method="post" action={`/moderate/responses/${r.id}/${action}`} class={cls} {...data}>
      <CsrfField token={me.csrf} />
      <input type="hidden" name="version" value={String(r.version)} />
      {children}
    </form>
  );
}

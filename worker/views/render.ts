// Turns a page component into a complete HTML document.
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function html(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}

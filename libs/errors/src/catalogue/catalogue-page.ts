import { LocalizedMessage } from '../locales/locale-messages.js';
import { CatalogueEntry } from './catalogue-entry.js';

/**
 * The catalogue as HTML for a browser: one page listing every code, one page per code.
 * Self-contained (inline style, no script), so it works offline and under a strict CSP.
 */
export function cataloguePage(entries: readonly CatalogueEntry[], base: string): string {
  const rows = entries.map(
    (entry) =>
      `<tr id="${entry.code}"><td><a href="${escape(`${base}/${entry.code}`)}"><code>${entry.code}</code></a></td>` +
      `<td><code>${escape(entry.name)}</code></td><td>${entry.status}</td><td>${escape(entry.category)}</td>` +
      `<td>${escape(messageText(entry.messages.en))}</td></tr>`,
  );
  return page(
    'Error codes',
    `<h1>Error codes</h1>
<p>Every error response is a JSON array of <code>{message, error_code, field, details}</code>
(or Problem Details whose <code>type</code> links here). ${entries.length} codes are registered.
<a href="${escape(base)}">This list as JSON</a>: <code>Accept: application/json</code>.</p>
<table><thead><tr><th>code</th><th>name</th><th>status</th><th>category</th><th>message</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`,
  );
}

export function entryPage(entry: CatalogueEntry, base: string): string {
  const messages = Object.entries(entry.messages).map(
    ([tag, message]) =>
      `<tr><th scope="row" lang="en">${escape(tag)}</th><td lang="${escape(tag)}">${messageHtml(message)}</td></tr>`,
  );
  const routes =
    entry.routes.length === 0
      ? '<p>No route of this app declares it.</p>'
      : entry.routes[0] === '*'
        ? '<p>Any request.</p>'
        : `<ul>${entry.routes.map((route) => `<li><code>${escape(route)}</code></li>`).join('')}</ul>`;
  return page(
    `${entry.code} ${entry.name}`,
    `<p><a href="${escape(base)}">All error codes</a></p>
<h1><code>${entry.code}</code> <code>${escape(entry.name)}</code></h1>
${entry.description ? `<p>${escape(entry.description)}</p>` : ''}
<dl>
<dt>Status</dt><dd>${entry.status}</dd>
<dt>Category</dt><dd>${escape(entry.category)} (${escape(entry.owner)})</dd>
<dt><code>details</code></dt><dd><code>${escape(entry.details)}</code></dd>
<dt>Problem Details <code>type</code></dt><dd><code>${escape(entry.type)}</code></dd>
</dl>
<h2>Message</h2>
<table><tbody>${messages.join('')}</tbody></table>
<h2>Answered by</h2>
${routes}`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1f23}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
code{font:13px ui-monospace,monospace;background:#f6f8fa;padding:.1rem .25rem;border-radius:3px}h1 code{font-size:1.5rem}
dt{font-weight:600}dd{margin:0 0 .5rem 0}tr:target{background:#fff8c5}
</style></head>
<body>
${body}
</body></html>
`;
}

function messageText(message: LocalizedMessage | undefined): string {
  if (message === undefined) return '';
  return typeof message === 'string' ? message : message.other;
}

function messageHtml(message: LocalizedMessage): string {
  if (typeof message === 'string') return escape(message);
  const forms = (['zero', 'one', 'two', 'few', 'many', 'other'] as const).filter((form) => message[form] !== undefined);
  return forms
    .map((form) => `<div><small>${form} (${escape(message.plural)}):</small> ${escape(message[form]!)}</div>`)
    .join('');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

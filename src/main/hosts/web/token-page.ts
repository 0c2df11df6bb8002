import { createHash } from 'node:crypto';

/** What the page says depends on whether a token came with the URL. */
export type TokenProblem = 'missing' | 'wrong';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;padding:48px 24px;color:#1d2230;background:#f5f6f8}
main{max-width:620px;margin:0 auto;background:#fff;border:1px solid #d8dbe2;border-radius:8px;padding:24px 32px}
h1{font-size:20px;margin:0 0 12px}code{font:13px ui-monospace,monospace;background:#eef0f4;padding:1px 4px;border-radius:3px;white-space:nowrap}
ol{padding-left:20px}li{margin:6px 0}.note{color:#596073;font-size:13px}
@media (prefers-color-scheme:dark){body{background:#16181d;color:#e3e6ec}main{background:#1f2229;border-color:#353a45}code{background:#2b303a}.note{color:#9aa1b1}}`;

/** The page allows exactly its own inline style: no script, no other resource. */
export const TOKEN_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page a browser gets for a page load without a valid token (401): what happened and what to
 * do, with no script and nothing loaded from anywhere. It names no token, and it cannot: it is
 * shown exactly to someone who does not have it.
 */
export function tokenPage(problem: TokenProblem): string {
  const what =
    problem === 'wrong'
      ? 'The token in this address is not the one this web host was started with. Each start of <code>npm run web</code> makes a new token, so a link from an earlier start, or a bookmark, no longer opens the app.'
      : 'This address needs the access token that <code>npm run web</code> printed when it started. The token keeps other pages and programs on this machine away from your endpoints, history and secrets.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>SCIM Inspector: open the link with its token</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Open SCIM Inspector with the link from your terminal</h1>
<p>${what}</p>
<ol>
<li>Go to the terminal where you ran <code>npm run web</code>. It printed a line like<br><code>SCIM Inspector: http://127.0.0.1:PORT/?token=…</code></li>
<li>Open that whole link, with its <code>?token=…</code> part. The app then keeps you signed in with a cookie until the web host stops.</li>
<li>Terminal closed, or the web host stopped? Run <code>npm run web</code> again (add <code>-- --open</code> to have it open the browser) and use the new link. Stop it with Ctrl+C.</li>
</ol>
<p class="note">This page comes from the SCIM Inspector web host running on this computer.</p>
</main>
</body>
</html>
`;
}

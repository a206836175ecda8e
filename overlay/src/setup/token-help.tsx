/** How to make a viewer token: only the broadcaster's own sign-in may make one, so this page cannot. */
export function TokenHelp({ origin }: { origin: string }) {
  const command =
    `curl -X POST ${origin}/api/v1/tokens -H "Authorization: Bearer $TOKEN" \\\n` +
    `  -H 'Content-Type: application/json' -d '{"name":"overlay","role":"viewer"}'`;
  return (
    <details class="small help">
      <summary>How to make a viewer token</summary>
      <p>
        API tokens are made with the broadcaster’s own sign-in (in local mode, the <code>TOKEN</code> that{' '}
        <code>npm start</code> prints):
      </p>
      <pre>{command}</pre>
      <p>
        Paste the <code>token</code> of the answer (<code>sst_…</code>) above; it is shown only once. Revoke
        it any time with <code>DELETE /api/v1/tokens/&lt;id&gt;</code>.
      </p>
    </details>
  );
}

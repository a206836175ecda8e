/** `/overlay/setup`: builds the overlay's URL, tests OBS from the browser, previews the result. */
export function SetupPage() {
  return <main class="view">Overlay setup</main>;
}

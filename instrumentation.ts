/**
 * Runs once when the server starts: a missing or malformed configuration stops it here, with a
 * message naming the variable, instead of failing on the first request. (NEXT_PUBLIC_* values were
 * inlined, and checked, at build time; they are checked again here for `next dev`.) Then the
 * console starts reporting its version from its own server (lib/versions/report.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { validateConfigurationAtStart } = await import('./lib/config/validate-at-start');
    validateConfigurationAtStart();
    const { startConsoleVersionReports } = await import('./lib/versions/report');
    startConsoleVersionReports();
  }
}

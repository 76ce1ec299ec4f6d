/** This server's instance name: CONSOLE_INSTANCE, else the host name, in the form the database accepts. */
export function consoleInstanceName(source: { CONSOLE_INSTANCE?: string | undefined }, host: string): string {
  const raw = source.CONSOLE_INSTANCE?.trim() || host;
  const clean = raw
    .replace(/[^A-Za-z0-9._:-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return clean || 'console';
}

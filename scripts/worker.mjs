/**
 * `npm run worker`: the notifications delivery worker (lib/notifications/worker.ts) against
 * DATABASE_URL — e-mails over SMTP_URL and signed webhooks for the outbox's deliveries, the digests'
 * schedule. Run any number of replicas. Configuration: .env.example ("Notifications").
 */
import { registerTsImports } from "./ts-imports.mjs";

registerTsImports();
const { main } = await import("../lib/notifications/worker.ts");
await main();

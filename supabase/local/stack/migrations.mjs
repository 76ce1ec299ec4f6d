/**
 * The database's contents: the platform surface, every pending migration and, on a new database,
 * the seed (`../migrate.mjs`), applied as the superuser. A one-off step: nothing keeps running, so
 * there is nothing to stop.
 */
import pg from "pg";
import { migrate } from "../migrate.mjs";
import { projectRoot } from "../config.mjs";
import { log } from "./support.mjs";

/** @param {import("../config.mjs").StackConfig} config */
export async function applyMigrations(config) {
  const admin = new pg.Client({ connectionString: config.dbUrl });
  await admin.connect();
  try {
    const { appliedNow, seeded } = await migrate(admin, {
      platformFile: config.platformFile,
      migrationsDir: config.migrationsDir,
      seedFile: config.seedFile,
      projectRoot,
    });
    log(`migrations: ${appliedNow.length ? `applied ${appliedNow.join(", ")}` : "up to date"}${seeded ? "; seed loaded" : ""}`);
  } finally {
    await admin.end();
  }
}

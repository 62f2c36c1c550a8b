// Removes this run's PGlite snapshot and PostgreSQL template (see global-setup.cjs).
const { rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function globalTeardown() {
  const run = process.env.ANTONIA_TEST_RUN || 'local';
  rmSync(join(__dirname, '..', '..', '.tmp', `pglite-snapshot-${run}.tar`), { force: true });
  const template = process.env.ANTONIA_TEMPLATE_DATABASE;
  if (process.env.TEST_DATABASE_URL && template) {
    const pg = require('pg');
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.end();
  }
};

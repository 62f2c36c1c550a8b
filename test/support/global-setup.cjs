// Jest loads global setup as CommonJS, without the ESM module mapping the tests use; the real work is
// in make-test-databases.ts, run here in a tsx process. Environment set here reaches every test worker.
const { execFileSync } = require('node:child_process');

module.exports = async function globalSetup() {
  process.env.ANTONIA_TEST_RUN = process.env.ANTONIA_TEST_RUN || String(process.pid);
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'test/support/make-test-databases.ts'], {
    env: process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const template = /template=(\w+)/.exec(output);
  if (template) {
    process.env.ANTONIA_TEMPLATE_DATABASE = template[1];
    console.log(`\nPostgreSQL suite enabled: template database ${template[1]}`);
  } else {
    console.log('\nPostgreSQL suite disabled: set TEST_DATABASE_URL to run it (CI does).');
  }
};

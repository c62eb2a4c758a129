// Validates an electron-builder configuration against electron-builder's own JSON schema,
// offline and in well under a second (toolchain.md §6 "Offline way 1").
// Usage: node scripts/validate-builder-config.cjs [config-file]   (default electron-builder.yml)
// Exit code 0 = valid; 1 = invalid (the schema's messages on stderr).
'use strict';

// app-builder-lib and builder-util come with electron-builder; they have no `exports` map, so
// these deep requires are allowed. They are pinned by electron-builder's exact version.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');
const path = require('node:path');

async function main() {
  const projectDir = path.resolve(__dirname, '..');
  const file = path.resolve(process.argv[2] ?? path.join(projectDir, 'electron-builder.yml'));
  const config = await getConfig(projectDir, file, null);
  await validateConfiguration(config, new DebugLogger(false));
  console.log(`electron-builder config OK: ${path.relative(process.cwd(), file) || file}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

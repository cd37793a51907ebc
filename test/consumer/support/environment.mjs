// The environment handed to the child processes (npm, tsc, the apps). `npm run
// test:consumer` exports npm_* variables describing the repository (its prefix, its
// package.json); an `npm install` in the temporary directory that inherited them could
// act on the repository instead. Only the settings that say how to reach the registry
// are kept.
const KEPT_NPM_SETTINGS = new Set([
  'npm_config_cache',
  'npm_config_registry',
  'npm_config_cafile',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_strict_ssl',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
]);

export function childEnvironment(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.toLowerCase().startsWith('npm_') && !KEPT_NPM_SETTINGS.has(key.toLowerCase())) continue;
    if (key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

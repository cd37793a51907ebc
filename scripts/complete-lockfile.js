#!/usr/bin/env node
// `npm run lock:complete` (run it after every `npm install <pkg>`).
//
// Native packages (@swc/core, unrs-resolver used by Jest 30) list one optional
// dependency per platform. The registry this project installs from only serves the
// linux-x64 ones, so npm cannot resolve the others and leaves them out of
// package-lock.json; `npm ci` then refuses the lock as "out of sync". This adds an
// entry for each missing one, marked optional with its os/cpu, so `npm ci` accepts the
// lock and skips them on platforms they are not for.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies || {})) {
    const base = path ? path + '/node_modules/' + name : 'node_modules/' + name;
    if (pkgs['node_modules/' + name] || pkgs[base]) continue;
    const m = /-(darwin|linux|win32|freebsd|android|openharmony|wasm32)-?([a-z0-9]+)?/.exec(name);
    const osName = m ? m[1] : undefined;
    const cpuMatch = /(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64|wasm32)/.exec(
      name
        .split('/')
        .pop()
        .replace(/^[^-]+-/, ''),
    );
    const e = { version, dev: entry.dev || undefined, optional: true };
    if (osName && osName !== 'wasm32') e.os = [osName];
    if (cpuMatch) e.cpu = [cpuMatch[1]];
    if (/musl/.test(name)) e.libc = ['musl'];
    else if (/gnu/.test(name)) e.libc = ['glibc'];
    pkgs['node_modules/' + name] = e;
    added++;
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);

// Test build for the Playwright `_electron` suite: the release build with the nodeCliInspect fuse left on
// (Playwright drives Electron through the inspector) and an unpacked directory instead of installers.
import release, { releaseFuses } from './electron-builder.config.mjs';

/** @type {import('electron-builder').Configuration} */
const config = {
  ...release,
  directories: { ...release.directories, output: 'release-e2e' },
  electronFuses: { ...releaseFuses, enableNodeCliInspectArguments: true },
  mac: { ...release.mac, target: 'dir' },
  win: { ...release.win, target: 'dir' },
  linux: { ...release.linux, target: 'dir' },
  afterSign: undefined,
};

export default config;

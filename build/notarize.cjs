// afterSign hook: notarizes the macOS build when Apple credentials are present in the environment
// (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID — release CI secrets). Without them it says so and
// returns, so local and CI packaging checks never need Apple's servers.
exports.default = async function notarizeIfConfigured(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const { APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID } = process.env;
  if (!APPLE_ID || !APPLE_APP_SPECIFIC_PASSWORD || !APPLE_TEAM_ID) {
    console.log('notarize: APPLE_ID / APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID not set — skipping notarization');
    return;
  }
  const { notarize } = require('@electron/notarize');
  const appPath = `${context.appOutDir}/${context.packager.appInfo.productFilename}.app`;
  await notarize({ appPath, appleId: APPLE_ID, appleIdPassword: APPLE_APP_SPECIFIC_PASSWORD, teamId: APPLE_TEAM_ID });
};

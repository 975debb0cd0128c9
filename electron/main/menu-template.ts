/**
 * The native menu: standard roles only (they bring the platform's own shortcuts, localisation and
 * accessibility), plus view switches that send a typed navigation request to the renderer.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuView = 'diagnosis' | 'signIns' | 'policies' | 'exemptions' | 'settings';

export function menuTemplate(params: {
  readonly isMac: boolean;
  readonly appName: string;
  readonly showView: (view: MenuView) => void;
  readonly openHelp: () => void;
}): MenuItemConstructorOptions[] {
  const view = (label: string, key: string, target: MenuView): MenuItemConstructorOptions => ({
    label,
    accelerator: `CmdOrCtrl+${key}`,
    click: () => params.showView(target),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (params.isMac) {
    template.push({
      label: params.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { label: 'File', submenu: [params.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        view('Lockout diagnosis', '1', 'diagnosis'),
        view('Sign-ins', '2', 'signIns'),
        view('Policies', '3', 'policies'),
        view('Exemptions & audit', '4', 'exemptions'),
        view('Settings', ',', 'settings'),
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Jamf Connect and Conditional Access', click: () => params.openHelp() }] },
  );
  return template;
}

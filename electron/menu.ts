/** The application menu (File › Import…, language), its labels as data in both languages. */
import type { Lang } from '../core/contract';

const LABELS = {
  en: { file: 'File', import: 'Import…', quit: 'Quit', edit: 'Edit', view: 'View', language: 'Language', window: 'Window' },
  fr: { file: 'Fichier', import: 'Importer…', quit: 'Quitter', edit: 'Édition', view: 'Affichage', language: 'Langue', window: 'Fenêtre' },
} as const;

export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  accelerator?: string;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

export interface MenuActions {
  importFiles(): void;
  setLanguage(lang: Lang): void;
}

export function menuTemplate(lang: Lang, actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItem[] {
  const l = LABELS[lang];
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' }] : []),
    {
      label: l.file,
      submenu: [
        { label: l.import, accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', label: l.quit },
      ],
    },
    // the edit roles give copy and paste (of addresses and server texts) their shortcuts on macOS
    { label: l.edit, role: 'editMenu' },
    {
      label: l.view,
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    {
      label: l.language,
      submenu: (['fr', 'en'] as const).map((code) => ({
        label: code === 'fr' ? 'Français' : 'English',
        type: 'radio' as const,
        checked: code === lang,
        click: () => actions.setLanguage(code),
      })),
    },
    ...(mac ? [{ role: 'windowMenu', label: l.window }] : []),
  ];
}

export function systemLang(locale: string): Lang {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

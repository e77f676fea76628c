import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, systemLang, type MenuItem } from './menu';

const find = (items: MenuItem[], label: string) => items.find((i) => i.label === label);

describe('the application menu', () => {
  it('has File › Import… which opens the import', () => {
    const actions = { importFiles: vi.fn(), setLanguage: vi.fn() };
    const file = find(menuTemplate('en', actions, 'linux'), 'File')!;
    const item = find(file.submenu!, 'Import…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    item.click!();
    expect(actions.importFiles).toHaveBeenCalled();
  });

  it('switches the language', () => {
    const actions = { importFiles: vi.fn(), setLanguage: vi.fn() };
    const language = find(menuTemplate('fr', actions, 'linux'), 'Langue')!;
    expect(language.submenu!.map((i) => [i.label, i.checked])).toEqual([
      ['Français', true],
      ['English', false],
    ]);
    find(language.submenu!, 'English')!.click!();
    expect(actions.setLanguage).toHaveBeenCalledWith('en');
  });

  it('follows the system language', () => {
    expect(systemLang('fr-CA')).toBe('fr');
    expect(systemLang('en-US')).toBe('en');
    expect(systemLang('de')).toBe('en');
  });
});

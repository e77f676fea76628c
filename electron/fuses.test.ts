/**
 * The fuses `npm run dist` flips in the packaged Electron binary. Read through electron-builder's
 * own code — its config loader, its schema check, and the function that turns `electronFuses`
 * into the fuse wire handed to @electron/fuses — so a misspelt key or a key this electron-builder
 * ignores fails here, not silently in a release. Needs no Electron binary.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = join(ROOT, 'build', 'electron-builder.yml');

// electron-builder's own packages, resolved from electron-builder (they are its dependencies, not ours)
const fromBuilder = createRequire(join(ROOT, 'node_modules', 'electron-builder', 'package.json'));
const appBuilder = fromBuilder('app-builder-lib');
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config');
const { DebugLogger } = fromBuilder('builder-util');
const { FuseV1Options } = createRequire(fromBuilder.resolve('app-builder-lib'))('@electron/fuses');

/** Each fuse and the position it must be in (Electron's security checklist, issue 11). */
const EXPECTED_FUSES: Record<string, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

async function loadConfig() {
  return getConfig(ROOT, CONFIG, null, () => Promise.resolve({}));
}

describe('the packaged binary’s fuses (build/electron-builder.yml)', () => {
  it('is a configuration electron-builder accepts', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // the schema check is strict: a misspelt key would not pass
    await expect(validateConfiguration({ ...config, electronFuse: {} }, new DebugLogger(false))).rejects.toThrow(/electronFuse/);
  });

  it.each(Object.entries(EXPECTED_FUSES))('flips %s to %s', async (fuse, expected) => {
    const config = await loadConfig();
    const wire = await appBuilder.PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);
    expect(FuseV1Options[fuse], `@electron/fuses knows ${fuse}`).toBeTypeOf('number');
    expect(wire[FuseV1Options[fuse]]).toBe(expected);
  });
});

// Name-keyed views of the toy index, built on first use.
import { APK_PACKAGES } from './apk.ts';
import { APT_PACKAGES } from './apt.ts';
import { NPM_PACKAGES } from './npm.ts';
import { PIP_PACKAGES } from './pip.ts';
import { indexByName, type ToyPackage } from './model.ts';

let apk: Map<string, ToyPackage> | undefined;
let apt: Map<string, ToyPackage> | undefined;
let npm: Map<string, ToyPackage> | undefined;
let pip: Map<string, ToyPackage> | undefined;

export const apkIndex = (): Map<string, ToyPackage> => (apk ??= indexByName(APK_PACKAGES));
export const aptIndex = (): Map<string, ToyPackage> => (apt ??= indexByName(APT_PACKAGES));
export const npmIndex = (): Map<string, ToyPackage> => (npm ??= indexByName(NPM_PACKAGES));
export const pipIndex = (): Map<string, ToyPackage> => (pip ??= indexByName(PIP_PACKAGES));

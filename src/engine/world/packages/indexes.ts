// Name-keyed views of the toy index, built on first use.
import { apkPackages } from './apk.ts';
import { aptPackages } from './apt.ts';
import { nobleAptPackages } from './apt-noble.ts';
import { npmPackages } from './npm.ts';
import { pipPackages } from './pip.ts';
import { indexByName, type ToyPackage } from './model.ts';

let apk: Map<string, ToyPackage> | undefined;
let apt: Map<string, ToyPackage> | undefined;
let npm: Map<string, ToyPackage> | undefined;
let pip: Map<string, ToyPackage> | undefined;
let noble: Map<string, ToyPackage> | undefined;

export const apkIndex = (): Map<string, ToyPackage> => (apk ??= indexByName(apkPackages()));
export const aptIndex = (): Map<string, ToyPackage> => (apt ??= indexByName(aptPackages()));
export const npmIndex = (): Map<string, ToyPackage> => (npm ??= indexByName(npmPackages()));
export const pipIndex = (): Map<string, ToyPackage> => (pip ??= indexByName(pipPackages()));

/** The apt index of a release by its codename: ubuntu 24.04 (noble) has its own; every other release uses bookworm's. */
export const aptIndexFor = (codename: string): Map<string, ToyPackage> => (codename === 'noble' ? (noble ??= indexByName(nobleAptPackages())) : aptIndex());

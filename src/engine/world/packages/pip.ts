// The toy Python package index: a few popular distributions with their real dependency names and
// versions (as published around late 2024) and approximate installed sizes.
import { definePackages, type PackageDef, type ToyPackage } from './model.ts';

type Row = [name: string, version: string, bytes: number, files: number, deps: string[], summary: string, license: string, wheel: string];

const rows: Row[] = [
  ['flask', '3.1.0', 270000, 25, ['werkzeug', 'jinja2', 'itsdangerous', 'click', 'blinker'], 'A simple framework for building complex web applications.', 'BSD-3-Clause', 'py3-none-any'],
  ['werkzeug', '3.1.3', 1050000, 52, ['markupsafe'], 'The comprehensive WSGI web application library.', 'BSD-3-Clause', 'py3-none-any'],
  ['jinja2', '3.1.5', 780000, 26, ['markupsafe'], 'A very fast and expressive template engine.', 'BSD-3-Clause', 'py3-none-any'],
  ['markupsafe', '3.0.2', 56000, 10, [], 'Safely add untrusted strings to HTML/XML markup.', 'BSD-3-Clause', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64'],
  ['itsdangerous', '2.2.0', 58000, 11, [], 'Safely pass data to untrusted environments and back.', 'BSD-3-Clause', 'py3-none-any'],
  ['click', '8.1.8', 430000, 18, [], 'Composable command line interface toolkit', 'BSD-3-Clause', 'py3-none-any'],
  ['blinker', '1.9.0', 28000, 7, [], 'Fast, simple object-to-object and broadcast signaling', 'MIT', 'py3-none-any'],
  ['requests', '2.32.3', 200000, 22, ['charset-normalizer', 'idna', 'urllib3', 'certifi'], 'Python HTTP for Humans.', 'Apache-2.0', 'py3-none-any'],
  ['charset-normalizer', '3.4.1', 650000, 33, [], 'The Real First Universal Charset Detector. Open, modern and actively maintained alternative to Chardet.', 'MIT', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64'],
  ['idna', '3.10', 500000, 15, [], 'Internationalized Domain Names in Applications (IDNA)', 'BSD-3-Clause', 'py3-none-any'],
  ['urllib3', '2.3.0', 540000, 40, [], 'HTTP library with thread-safe connection pooling, file post, and more.', 'MIT', 'py3-none-any'],
  ['certifi', '2024.12.14', 310000, 9, [], 'Python package for providing Mozilla\'s CA Bundle.', 'MPL-2.0', 'py3-none-any'],
  ['gunicorn', '23.0.0', 520000, 60, ['packaging'], 'WSGI HTTP Server for UNIX', 'MIT', 'py3-none-any'],
  ['packaging', '24.2', 240000, 27, [], 'Core utilities for Python packages', 'Apache-2.0 OR BSD-2-Clause', 'py3-none-any'],
  ['numpy', '2.2.1', 61000000, 900, [], 'Fundamental package for array computing in Python', 'BSD-3-Clause', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64'],
];

/** Wheel file tags per package (for pip's "Downloading <name>-<version>-<tag>.whl" lines). */
export const PIP_WHEEL_TAG: Record<string, string> = Object.fromEntries(rows.map((r) => [r[0], r[7]]));

const defs: PackageDef[] = rows.map(([name, version, bytes, count, deps, summary, license]) => ({
  name, version, description: summary, depends: deps, license, homepage: `https://pypi.org/project/${name}/`,
  files: [], spread: [[name.replace(/-/g, '_'), count, bytes, '.py']],
}));

let cache: ToyPackage[] | undefined;
/** The index, built on first use (file lists are expanded then, not at import). */
export function pipPackages(): ToyPackage[] {
  return (cache ??= definePackages('pip', defs));
}

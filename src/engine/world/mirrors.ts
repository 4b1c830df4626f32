// Where the toy world's package managers say their packages come from. The lab reaches no network: every
// package comes from the toy index in packages/. Debian's and npm's sources are given stand-in addresses
// under the reserved .example domain (this project does not name those two registries' real hosts), so
// they cannot be mistaken for real servers; the lab's help says so to the learner.
export const DEBIAN_MIRROR = 'http://deb.debian.example/debian';
export const DEBIAN_SECURITY_MIRROR = 'http://deb.debian.example/debian-security';
/** npm's registry URL in this world (npm prints it in its errors). */
export const NPM_REGISTRY = 'https://registry.npm.example/';

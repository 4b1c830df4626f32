/**
 * The rules the linter can report: BuildKit's (linter/ruleset.go: name, description, documentation link)
 * and our own layer hints.
 */

export interface RuleInfo {
  description: string;
  url: string;
}

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

/** Each rule's description; its page is the rule's name in kebab case (BuildKit's URLs follow it). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  StageNameCasing: 'Stage names should be lowercase',
  FromAsCasing: "The 'as' keyword should match the case of the 'from' keyword",
  NoEmptyContinuation: 'Empty continuation lines will become errors in a future release',
  ConsistentInstructionCasing: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  DuplicateStageName: 'Stage names should be unique',
  ReservedStageName: 'Reserved words should not be used as stage names',
  JSONArgsRecommended:
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
  MaintainerDeprecated: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  UndefinedArgInFrom: 'FROM command must use declared ARGs',
  WorkdirRelativePath:
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  UndefinedVar: 'Variables should be defined before their use',
  MultipleInstructionsDisallowed: 'Multiple instructions of the same type should not be used in the same stage',
  LegacyKeyValueFormat: 'Legacy key/value format with whitespace separator should not be used',
  RedundantTargetPlatform:
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  SecretsUsedInArgOrEnv: 'Sensitive data should not be used in the ARG or ENV commands',
  InvalidDefaultArgInFrom: 'Default value for global ARG results in an empty or invalid base image name',
  FromPlatformFlagConstDisallowed: 'FROM --platform flag should not use a constant value',
  CopyIgnoredFile: 'Attempting to Copy file that is excluded by .dockerignore',
  ExposeProtoCasing: 'Protocol in EXPOSE instruction should be lowercase',
  ExposeInvalidFormat:
    'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
};

/** "JSONArgsRecommended" -> "json-args-recommended". */
function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

export const BUILDKIT_RULES: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  Object.entries(DESCRIPTIONS).map(([name, description]) => [name, { description, url: DOCS + kebabCase(name) + '/' }]),
);

/** The lesson our own hints point to. */
export const LAYER_LESSON = 'what-is-an-image';

export const LAYERLAB_RULES = {
  DeletedInLaterLayer: 'Layerlab/DeletedInLaterLayer',
  CopyAllBeforeInstall: 'Layerlab/CopyAllBeforeInstall',
  ConsecutiveRun: 'Layerlab/ConsecutiveRun',
  AddWhereCopyWould: 'Layerlab/AddWhereCopyWould',
  MissingDockerignore: 'Layerlab/MissingDockerignore',
} as const;

/**
 * Rules about stages and keywords: FROM's stage name and `AS` casing, MAINTAINER (instructions/parse.go),
 * reserved and duplicate stage names (validateStageNames), and one letter case for all instructions
 * (validateCommandCasing).
 */
import type { SourceRange, Stage } from '../types.ts';
import type { Sink } from './sink.ts';

function isSelfConsistent(s: string): boolean {
  return s === s.toLowerCase() || s === s.toUpperCase();
}

export function fromRules(stages: readonly Stage[], sink: Sink): void {
  for (const st of stages) {
    const f = st.from;
    if (f.stageName !== undefined && f.stageName !== f.stageName.toLowerCase()) {
      sink.add('StageNameCasing', `Stage name '${f.stageName}' should be lowercase`, f.range);
    }
    if (f.asKeyword !== undefined) {
      const lower = f.keyword === f.keyword.toLowerCase();
      const upper = f.keyword === f.keyword.toUpperCase();
      if ((lower || upper) && f.asKeyword !== (lower ? f.asKeyword.toLowerCase() : f.asKeyword.toUpperCase())) {
        sink.add('FromAsCasing', `'${f.asKeyword}' and '${f.keyword}' keywords' casing do not match`, f.range);
      }
    }
    for (const i of st.instructions) {
      if (i.kind === 'MAINTAINER') sink.add('MaintainerDeprecated', 'Maintainer instruction is deprecated in favor of using label', i.range);
    }
  }
}

export function stageNameRules(stages: readonly Stage[], sink: Sink): void {
  const seen = new Set<string>();
  for (const st of stages) {
    if (st.name === undefined) continue;
    if (st.name === 'context' || st.name === 'scratch') {
      sink.add('ReservedStageName', `Stage name should not use the same name as reserved stage "${st.name}"`, st.from.range);
    }
    if (seen.has(st.name)) {
      sink.add('DuplicateStageName', `Duplicate stage name "${st.name}", stage names should be unique`, st.from.range);
    }
    seen.add(st.name);
  }
}

export function casingRules(stages: readonly Stage[], sink: Sink): void {
  let lowerCount = 0;
  let upperCount = 0;
  const count = (k: string) => {
    if (isSelfConsistent(k)) {
      if (k === k.toLowerCase()) lowerCount++;
      else upperCount++;
    }
  };
  for (const st of stages) {
    count(st.from.keyword);
    for (const i of st.instructions) count(i.keyword);
  }
  const majorityLower = lowerCount > upperCount;
  const caseMatch = (k: string, range: SourceRange) => {
    let correct = '';
    if (majorityLower && k.toLowerCase() !== k) correct = 'lowercase';
    else if (!majorityLower && k.toUpperCase() !== k) correct = 'uppercase';
    if (correct) {
      sink.add('ConsistentInstructionCasing', `Command '${k}' should match the case of the command majority (${correct})`, range);
    }
  };
  for (const st of stages) {
    caseMatch(st.from.keyword, st.from.range);
    for (const i of st.instructions) caseMatch(i.keyword, i.range);
  }
}

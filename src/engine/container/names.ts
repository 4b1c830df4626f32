// Container names in docker's `adjective_surname` style (moby's namesgenerator picks at random from
// two word lists; the lab picks deterministically so a session replays the same names).
const LEFT = [
  'admiring', 'adoring', 'affectionate', 'amazing', 'awesome', 'blissful', 'bold', 'brave', 'busy', 'charming',
  'clever', 'compassionate', 'confident', 'cool', 'dazzling', 'determined', 'dreamy', 'eager', 'ecstatic', 'elegant',
  'eloquent', 'epic', 'festive', 'focused', 'friendly', 'funny', 'gallant', 'gifted', 'gracious', 'happy',
  'hopeful', 'inspiring', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical',
  'modest', 'nice', 'nifty', 'optimistic', 'peaceful', 'practical', 'quirky', 'relaxed', 'serene', 'sharp',
  'sleepy', 'stoic', 'sweet', 'tender', 'trusting', 'upbeat', 'vibrant', 'vigilant', 'wizardly', 'zealous',
];
const RIGHT = [
  'babbage', 'bardeen', 'booth', 'curie', 'darwin', 'dijkstra', 'einstein', 'euler', 'faraday', 'feynman',
  'franklin', 'galileo', 'goldberg', 'goodall', 'hamilton', 'hopper', 'hypatia', 'johnson', 'kalam', 'kepler',
  'knuth', 'lamport', 'liskov', 'lovelace', 'meitner', 'mirzakhani', 'newton', 'noether', 'pascal', 'ramanujan',
  'ritchie', 'shannon', 'sutherland', 'tesla', 'thompson', 'torvalds', 'turing', 'wozniak', 'yonath', 'zhukovsky',
];

/** The n-th generated name (n from 0). Skips names in `taken`. */
export function containerName(n: number, taken: ReadonlySet<string>): string {
  for (let i = n; ; i++) {
    const a = LEFT[(i * 7) % LEFT.length]!;
    const b = RIGHT[(i * 11 + Math.floor(i / LEFT.length)) % RIGHT.length]!;
    const name = `${a}_${b}`;
    if (!taken.has(name)) return name;
  }
}

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { policyFor, withPolicy } from '../../../src/integrations/csp.ts';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('the site pages\' Content-Security-Policy', () => {
  it('allows our own scripts and the page\'s inline scripts by hash, never eval', () => {
    const html = '<html><head><meta charset="utf-8" /><script>var a=1;</script><script type="module">import "/x.js"</script><script src="/y.js"></script></head></html>';
    const out = withPolicy(html);
    const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(out)![1]!;
    expect(content).toContain(`script-src 'self' ${sha('var a=1;')} ${sha('import "/x.js"')};`);
    expect(content).not.toContain('unsafe-eval');
    expect(content).toMatch(/object-src 'none'/);
    // It comes right after the charset, before any script.
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script'));
  });

  it('leaves a page that already has a policy alone, and hashes each script once', () => {
    const html = '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">';
    expect(withPolicy(html)).toBe(html);
    expect(policyFor(['a', 'a']).match(/sha256-/g)).toHaveLength(1);
  });
});

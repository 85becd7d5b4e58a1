import { describe, expect, it } from 'vitest';
import { safeDecode } from './useScrollOnNavigate';

describe('safeDecode', () => {
  it('decodes a well-formed fragment', () => expect(safeDecode('caf%C3%A9')).toBe('café'));
  it('keeps a malformed fragment as written instead of throwing', () => expect(safeDecode('%E0%A4%A')).toBe('%E0%A4%A'));
});

import { describe, expect, it } from 'vitest';
import { choiceFlag, numberFlag, parseFlags, percent } from '../lib.js';

describe('example flags', () => {
  it('parses known flags and rejects unknown ones', () => {
    const flags = parseFlags(['--epochs', '3', '--backend=reference'], ['epochs', 'backend'], 'u');
    expect(numberFlag(flags, 'epochs', 1)).toBe(3);
    expect(numberFlag(flags, 'limit', 7)).toBe(7);
    expect(choiceFlag(flags, 'backend', ['gpujs', 'reference'], 'gpujs')).toBe('reference');
    expect(() => parseFlags(['--epoch', '3'], ['epochs'], 'usage: x')).toThrow(/usage: x/);
    expect(() => numberFlag({ epochs: 'two' }, 'epochs', 1)).toThrow(/--epochs must be a number/);
    expect(() => choiceFlag({ model: 'x' }, 'model', ['a', 'b'], 'a')).toThrow(/one of a, b/);
    expect(percent(0.0239)).toBe('2.39%');
  });
});

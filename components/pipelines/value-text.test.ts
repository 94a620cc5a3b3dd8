import { describe, expect, it } from 'vitest';
import { formatLines, minutesTextToMs, msToMinutesText, readLines, readNumberText } from './value-text';

describe('value text', () => {
  it('reads numbers exactly, keeps expressions and typos as text', () => {
    expect(readNumberText('30')).toBe(30);
    expect(readNumberText('-1.5')).toBe(-1.5);
    expect(readNumberText('')).toBeUndefined();
    expect(readNumberText('1.')).toBe('1.');
    expect(readNumberText('007')).toBe('007');
    expect(readNumberText('${parameters.wait}')).toBe('${parameters.wait}');
  });

  it('reads and formats line lists', () => {
    expect(readLines('a\n\n b \n')).toEqual(['a', 'b']);
    expect(formatLines(['a', 'b'])).toBe('a\nb');
  });

  it('converts timeouts between minutes and milliseconds', () => {
    expect(minutesTextToMs('90')).toBe(5_400_000);
    expect(msToMinutesText(5_400_000)).toBe('90');
    expect(minutesTextToMs('${x}')).toBe('${x}');
  });
});

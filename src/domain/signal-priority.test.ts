import { describe, expect, it } from 'vitest';
import { alarmPriority, higherPriority, priorityRank } from './signal-priority.ts';

const plain = { ihrCategory: null, nationalClass: null };

describe('signal priority', () => {
  it('is critical for always-notifiable and class-A diseases whatever the count', () => {
    expect(alarmPriority({ ihrCategory: 'always-notifiable', nationalClass: null }, 1, 100)).toBe('critical');
    expect(alarmPriority({ ihrCategory: null, nationalClass: 'A' }, 1, 100)).toBe('critical');
  });

  it('is high for diseases that always lead to the IHR algorithm and for class B', () => {
    expect(alarmPriority({ ihrCategory: 'always-algorithm', nationalClass: null }, 1, 100)).toBe('high');
    expect(alarmPriority({ ihrCategory: null, nationalClass: 'B' }, 1, 100)).toBe('high');
  });

  it('grows with the exceedance of the upper bound', () => {
    expect(alarmPriority(plain, 11, 10)).toBe('low');
    expect(alarmPriority(plain, 15, 10)).toBe('medium');
    expect(alarmPriority(plain, 20, 10)).toBe('high');
  });

  it('is medium when there is no usable bound', () => {
    expect(alarmPriority(plain, 12, null)).toBe('medium');
    expect(alarmPriority(plain, 12, 0)).toBe('medium');
  });

  it('orders low < medium < high < critical', () => {
    expect(['critical', 'low', 'high', 'medium'].map((p) => priorityRank(p as 'low'))).toEqual([4, 1, 3, 2]);
    expect(higherPriority('medium', 'high')).toBe('high');
    expect(higherPriority('critical', 'low')).toBe('critical');
  });
});

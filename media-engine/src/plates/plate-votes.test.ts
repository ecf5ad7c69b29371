import { describe, expect, it } from 'vitest';
import { MAX_IMPROVED, PlateVotes } from './plate-votes.js';

describe('the vote of a tracked plate', () => {
  it('appears once two readings agree and hold at least half the weight', () => {
    const votes = new PlateVotes();
    expect(votes.add('AB123CD', 0.95)).toBeUndefined(); // one reading is not a vote
    expect(votes.add('AB123CD', 0.9)).toMatchObject({ action: 'appeared', number: 'AB123CD', reads: 2, share: 1 });
    expect(votes.add('AB123CD', 0.9)).toBeUndefined(); // reported already
    expect(votes.reportedNumber).toBe('AB123CD');
  });

  it('is not fooled by a single misread', () => {
    const votes = new PlateVotes();
    const verdicts = [
      votes.add('MR07BUS', 0.9),
      votes.add('MRO7BUS', 0.95),
      votes.add('MR07BUS', 0.9),
      votes.add('MRO7BUS', 0.6),
      votes.add('MR07BUS', 0.9),
    ].filter(Boolean);
    expect(verdicts).toEqual([expect.objectContaining({ action: 'appeared', number: 'MR07BUS', reads: 2 })]);
    expect(votes.leader).toMatchObject({ number: 'MR07BUS', reads: 3 });
  });

  it('waits while readings disagree, then weighs them by confidence', () => {
    const votes = new PlateVotes();
    expect(votes.add('XY987ZT', 0.5)).toBeUndefined();
    expect(votes.add('XY98TZT', 0.5)).toBeUndefined();
    expect(votes.add('XY987Z', 0.9)).toBeUndefined();
    // XY987ZT: 2 reads, 1.4 of 2.8 = 0.5 of the weight
    expect(votes.add('XY987ZT', 0.9)).toMatchObject({ action: 'appeared', number: 'XY987ZT', weight: 1.4 });
  });

  it('reports a better-supported number as improved, at most MAX_IMPROVED times', () => {
    const votes = new PlateVotes();
    votes.add('KL45MNF', 0.6);
    expect(votes.add('KL45MNF', 0.6)?.action).toBe('appeared');
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push(votes.add('KL45MNP', 0.95));
    // 0.95 < 1.5 × 1.2; 1.9 ≥ 1.8: improved on the second agreeing reading, once
    expect(verdicts.map((v) => v?.action)).toEqual([undefined, 'improved', undefined]);
    expect(votes.reportedNumber).toBe('KL45MNP');
    let improved = 1;
    for (const number of ['KL45MNB', 'KL45MN8', 'KL45MN0'])
      for (let i = 0; i < 10; i++) if (votes.add(number, 1)?.action === 'improved') improved++;
    expect(improved).toBe(MAX_IMPROVED);
  });

  it('ignores confidence outside 0..1 beyond its bounds and keeps a bounded number of candidates', () => {
    const votes = new PlateVotes();
    for (let i = 0; i < 100; i++) votes.add(`AB${1000 + i}`, 0.5);
    votes.add('ZZ9999', 7);
    expect(votes.add('ZZ9999', -3)).toBeUndefined(); // 2 reads of weight 1 in a track of 50+: no majority
    expect(votes.leader).toBeUndefined();
  });
});

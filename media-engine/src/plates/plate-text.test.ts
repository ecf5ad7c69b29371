import { normalizePlateNumber } from '@argus/core';
import { describe, expect, it } from 'vitest';
import { plateDistance, plateNumberOf, samePlate } from './plate-text.js';

describe('plate numbers read off frames', () => {
  it.each([
    ['AB123CD', 'AB123CD'],
    ['ab 123-cd', 'AB123CD'],
    ['ＡＢ１２３ＣＤ', 'AB123CD'], // full-width forms
    ['|MR07BUS|', 'MR07BUS'], // the plate's border read as bars
    ['[GH·2024]', 'GH2024'],
    ['KL.45.MNP', 'KL45MNP'],
    ['1234', '1234'],
  ])('reads %j as %j', (read, number) => {
    expect(plateNumberOf(read)).toBe(number);
  });

  it.each([
    ['unicef', 'no digit'],
    ['PARKING', 'no digit'],
    ['A12', 'too short'],
    ['AB1234567890', 'too long'],
    ['京A12345', 'not Latin'],
    ['М123ОР77', 'Cyrillic (read as Latin by the recogniser, never as Cyrillic)'],
    ['', 'empty'],
    ['--', 'nothing left'],
  ])('refuses %j (%s)', (read) => {
    expect(plateNumberOf(read)).toBeUndefined();
  });

  it('gives what plate lists store for the same plate', () => {
    for (const listed of ['AB-123 CD', 'gh 2024', 'Kl45mnp'])
      expect(plateNumberOf(listed)).toBe(normalizePlateNumber(listed));
  });
});

describe('readings of one plate', () => {
  it.each([
    ['AB123CD', 'AB123CD', 0],
    ['MR07BUS', 'MRO7BUS', 1],
    ['KL45MNP', 'KL45MN', 1],
    ['XY987ZT', 'XY98ZT7', 2],
    ['AB123CD', 'GH2024', 6],
    ['', 'GH2024', 6],
  ])('%s → %s takes %i edits', (a, b, edits) => {
    expect(plateDistance(a, b)).toBe(edits);
    expect(plateDistance(b, a)).toBe(edits);
  });

  it('are alike when at most a third of the characters differ', () => {
    expect(samePlate('MR07BUS', 'MRO7BUS')).toBe(true);
    expect(samePlate('XY987ZT', 'XY98ZT7')).toBe(true); // 2 of 7
    expect(samePlate('XY987ZT', 'KY9B7Z1')).toBe(false); // 3 of 7
    expect(samePlate('1234', '1284')).toBe(true);
    expect(samePlate('1234', '1884')).toBe(false);
    expect(samePlate('AB123CD', 'GH2024')).toBe(false);
  });
});

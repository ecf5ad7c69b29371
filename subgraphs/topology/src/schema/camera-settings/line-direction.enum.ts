import { builder } from '../builder.js';

export const LineDirectionEnum = builder.enumType('LineDirection', {
  description: 'Which crossings count, "left" being the left side when looking from the start of the line to its end',
  values: { BOTH: { value: 'both' }, LEFT_TO_RIGHT: { value: 'left_to_right' }, RIGHT_TO_LEFT: { value: 'right_to_left' } } as const,
});

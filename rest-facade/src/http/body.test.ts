import { describe, expect, it } from 'vitest';
import { formFields, mediaTypeOf } from './body.js';

describe('request bodies', () => {
  it('reads form fields, a repeated one as a list', () => {
    expect(formFields('grant_type=password&username=a%40b.c&password=p+w&scope=a&scope=b')).toEqual({
      grant_type: 'password',
      username: 'a@b.c',
      password: 'p w',
      scope: ['a', 'b'],
    });
  });

  it('takes the media type without parameters', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf(undefined)).toBe('');
  });
});

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

  it('keeps `__proto__` as a field of its own', () => {
    const fields = formFields('__proto__=a&__proto__=b&username=u');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.entries(fields)).toEqual([
      ['__proto__', ['a', 'b']],
      ['username', 'u'],
    ]);
  });

  it('takes the media type without parameters', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf(undefined)).toBe('');
  });
});

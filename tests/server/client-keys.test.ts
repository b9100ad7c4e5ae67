/**
 * Who counts as one client in every per-client limit: an IPv4 address, or an IPv6 /64, which a
 * single host is usually handed whole. Attacked here from many addresses of one /64.
 */
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../server/comments/defences.ts';
import type { TestApp } from '../helpers/app.ts';
import { postComment } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

function post(test: TestApp, body: string, ip: string) {
  return postComment(test, { body }, { remoteAddress: ip });
}

describe('clientKey', () => {
  it('keys IPv4 by address, IPv6 by its /64 however it is written, and IPv4-mapped IPv6 as IPv4', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0DB8:0001:0002::ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::1%eth0')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(clientKey('::ffff:c000:209')).toBe('192.0.2.9');
    expect(clientKey('64:ff9b::192.0.2.9')).toBe('64:ff9b:0:0::/64');
  });
});

describe('limits per client, from many addresses of one IPv6 /64', () => {
  it('holds flood control for the whole /64', async () => {
    const test = await setUp({ FLOOD_SECONDS: '15' });
    expect((await post(test, 'First', '2001:db8:a:b::1')).statusCode).toBe(201);
    const again = await post(test, 'Second', '2001:db8:a:b:dead:beef:0:2');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('flood');
    expect((await post(test, 'Elsewhere', '2001:db8:a:c::1')).statusCode).toBe(201);
  });

  it('counts the write rate limit for the whole /64', async () => {
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 1; i <= 3; i++)
      expect((await post(test, `Comment ${i}`, `2001:db8:a:b::${i}`)).statusCode).toBe(201);
    const limited = await post(test, 'One too many', '2001:db8:a:b::99');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await post(test, 'Elsewhere', '2001:db8:a:c::1')).statusCode).toBe(201);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/storage/migrations.ts';

/**
 * The SHA-256 of each shipped migration's SQL, in order. A database out there was built by these
 * exact steps: a migration that shipped is never edited, not even its white space, so that every
 * database of a version has the same schema. When a version ships, add its new migrations' hashes.
 */
const SHIPPED = [
  '78cac419f75e7b9ddf0d9a11deacf326fadea7d6a104d2d8f686195a1d46c8d7',
  '69bbd6905b55987f5e88e4e3489e7b6dafc575f4d2ce3e75c20f9d2c66f6d3d6',
  '1ffc77e1d919843f0830eeb3c6a8e28c1aaa0680d06d2a8bd5f02d545225e27a',
  '120642919db5e64c8340bd411a3986d670e7368b5f06330d9b6f663685e867ed',
  '1c0fa792534fe8f0092f98232b8c930f21c01417785ba19a0014f9a002453f9c',
  'efc7ec0ba12654c728ef3cb2fdd4f7ac09ffb55d9abdef27136bade2f0c9f0a2',
  '44d76b451a747925feccfb484424c0c6848d0257b55a71f604daa71d54ccc8c1',
  '5215e545a69f5fe6bd5d22dd658084bd0086168b28b154f9c2b99f495820f518',
  '5de674c98fd7b935b448ef735895e668a5453efc18400babc838b4d9c248dcbe',
  '1dbf38b19e41122d780d0e8f27bb17918b3fda61d7124d512e38dc897f02ad6e',
  'c40f14eb97483ba6efdd5ab1e7c0bf0db37f60ed6736715de7aee99f691387d5',
  '321b1f6d0ea8c9bcd4d2df650de0eabac7b9aea570a4e1e7c544598671304620',
  '48fbd7b5953228bf7b53810f57bf2deca50f612fb2bf35d618c2cec5d417b9d4',
  'ccb65019ad38651c9a687c368d472d26e7fd4d66071814b299141a00cd1775b2',
  'f99eaee0d3b93fef2bfed0dab0e84be262c1f941d3c1ad421599bbd7f816be8e',
  '681e09e8e6ed247c7f87c54e93b4e16e2011f791c0823c6b8282a5073961ffba',
  '7ea15758159534ec9f0b6e4452a329613645fa4a8290ae4ee5b761f1d71ffa36',
  '41cae7aa487df6ea24bcc6312b034b19a9ee7c6830f48d55f0a76d17ba9baf25',
  'b21a427a57a3cfa3cd72b97b4646ffbadd82aad00baeffcf4a59875c7c2a7ba0',
];

describe('the migrations that shipped', () => {
  it('keeps the SQL of every shipped migration exactly as it shipped, in its place', () => {
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(SHIPPED.length);
    const hashes = MIGRATIONS.slice(0, SHIPPED.length).map((sql) =>
      createHash('sha256').update(sql).digest('hex'),
    );
    expect(hashes).toEqual(SHIPPED);
  });
});
